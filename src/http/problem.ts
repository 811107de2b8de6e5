/** RFC 9457 problem details; thrown anywhere in a request and rendered once, in the app's onError. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: ProblemSlug,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title)
  }

  toResponse(instance?: string): Response {
    const { body, headers } = this.render(instance)
    return new Response(body, { status: this.status, headers })
  }

  /** The body and headers of the problem response. */
  render(instance?: string): { body: string; headers: Record<string, string> } {
    const body = {
      type: problemType(this.slug),
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extra,
    }
    return { body: JSON.stringify(body), headers: { 'content-type': 'application/problem+json', ...this.headers } }
  }
}

/** Problem types, each described on the docs page under its anchor. */
export const PROBLEM_TYPES = {
  'bad-request': 'The request could not be read: malformed JSON, a bad query parameter or an invalid body.',
  unauthorized: 'No API key, or a key that is unknown or revoked. Send `Authorization: Bearer <key>`.',
  forbidden: "The key's role does not allow this operation.",
  'not-found': 'No such resource.',
  'payload-too-large': 'The body is larger than this endpoint accepts.',
  'unsupported-media-type': 'The Content-Type is not one this endpoint reads.',
  'invalid-list': 'A configured watchlist or indicator list could not be read; the lists in use are unchanged.',
  'invalid-ruleset': 'The rule files do not compile; `issues` lists each problem with file, line and column.',
  conflict: 'The request conflicts with the current state, e.g. an Idempotency-Key reused while its upload runs.',
  'future-timestamp': 'The event time is further ahead of the server clock than TXSCREEN_MAX_FUTURE_SKEW_SECONDS allows; past times are accepted.',
  'idempotency-key-reused': 'A retry under an Idempotency-Key sent a different body than the upload first made under it; a new upload needs a new key.',
  'transfer-id-reused': 'The transfer id was screened before with a different body; the same body gets the stored verdict, a new transfer needs a new id.',
  'last-admin': 'The key is the last live admin key; create another admin key before revoking it.',
  'unscreenable-record': 'The record is valid but cannot be scored, e.g. its currency has no exchange rate in the rule set.',
  'rate-limited': "The API key made more requests a second than its rate allows; retry after the time in Retry-After.",
  'quota-exceeded': 'The API key has as many batches, or as many bytes of upload, stored and unfinished as it may; retry once some have been screened.',
  'no-active-ruleset': 'No rule set is active yet; publish and activate one.',
  'no-reporting-entity': 'The server has no reporting-entity file (TXSCREEN_GOAML_ENTITY), which the header of a goAML report comes from.',
  'unreportable-case': "The case cannot be reported: none of its evidence records is kept any more, or a transfer's currency has no rate in the rule set.",
  'service-unavailable': 'The database cannot be reached; retry after the time in Retry-After.',
  saturated: 'The server is at capacity (every database connection busy, or too many real-time writes waiting); nothing was decided: retry after the time in Retry-After.',
  'shadow-unavailable': 'Shadow rule sets run only beside the in-memory real-time state of one process; this server keeps that state elsewhere (in the database with TXSCREEN_REALTIME_STATE=database, or in Durable Objects on a Worker).',
  'in-flight': 'An earlier call is still screening this transfer id (a retry raced it); nothing was decided by this call: retry after the time in Retry-After for its verdict.',
  'shutting-down': 'The server is draining before it stops; retry on another instance.',
  internal: 'An unexpected error; the server log has the details.',
} as const
export type ProblemSlug = keyof typeof PROBLEM_TYPES

export function problemType(slug: ProblemSlug): string {
  return `/docs#problem-${slug}`
}

export const notFound = (what: string) => new Problem(404, 'not-found', 'Not found', what)
export const badRequest = (detail: string, extra: Record<string, unknown> = {}) =>
  new Problem(400, 'bad-request', 'Bad request', detail, extra)
