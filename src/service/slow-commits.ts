export interface SlowCommitOptions {
  /** a flush that took this long or longer counts as slow */
  thresholdMs: number
  /** slow flushes after the first are summed up and told at most this often */
  everyMs: number
  log(message: string): void
  now?: () => number
}

/**
 * Tells the operator when real-time answers waited on slow commits. Every answer waits for its rows to be
 * committed, so a database whose disk stalls on fsync sets the latency tail while the process itself is idle,
 * and nothing in the process would show it. The first slow flush after a quiet spell is told at once; the
 * ones after it are counted and told together, at most once per `everyMs`, when a later flush ends (or at close).
 */
export class SlowCommits {
  readonly #now: () => number
  #lastTold = Number.NEGATIVE_INFINITY
  #flushes = 0
  #slow = 0
  #held = 0
  #slowest = 0

  constructor(private readonly options: SlowCommitOptions) {
    this.#now = options.now ?? (() => performance.now())
  }

  /** one flush ended after `ms`; `held` calls waited for it (its own and those queued behind it) */
  flushed(ms: number, held: number): void {
    this.#flushes++
    if (ms >= this.options.thresholdMs) {
      this.#slow++
      this.#held += held
      if (ms > this.#slowest) this.#slowest = ms
    }
    if (this.#slow > 0 && this.#now() - this.#lastTold >= this.options.everyMs) this.tell()
  }

  /** tells what is counted and not told yet, if anything */
  tell(): void {
    if (this.#slow === 0) return
    const since = Number.isFinite(this.#lastTold) ? ` in the last ${formatSeconds(this.#now() - this.#lastTold)}` : ''
    this.options.log(
      `real-time commits: ${this.#slow} of ${this.#flushes} flushes took ${this.options.thresholdMs} ms or more${since} ` +
        `(slowest ${Math.round(this.#slowest)} ms; ${this.#held} ${this.#held === 1 ? 'answer' : 'answers'} waited for them). The database is slow to ` +
        'commit: see "Commit stalls" in docs/service.md',
    )
    this.#lastTold = this.#now()
    this.#flushes = 0
    this.#slow = 0
    this.#held = 0
    this.#slowest = 0
  }
}

function formatSeconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`
}
