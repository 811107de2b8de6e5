const SANE = /^[\w.:-]{1,128}$/

/** A request's id: the caller's X-Request-Id when it is short and plain (so logs can be joined up), else a new one. */
export function requestId(given: string | null | undefined): string {
  return given && SANE.test(given) ? given : crypto.randomUUID()
}
