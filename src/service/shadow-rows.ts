import { systemClock, type Clock } from '../core/index.ts'
import type { Executor } from '../store/db.ts'
import { insertShadowVerdicts, type ShadowVerdictRow } from '../store/shadow-verdicts.ts'

/** rows are written at most this often, in one statement, off every call's path */
const FLUSH_EVERY_MS = 1000
/** or as soon as this many wait */
const FLUSH_ROWS = 1000
/** rows waiting at most; past that they are counted as unsaved */
const MAX_PENDING_ROWS = 10_000

/**
 * The shadow's kept verdicts on their way to `shadow_verdicts`: gathered and written in one statement a second at
 * most. Used where the rows are made: by the shadow runner (on the event loop, or for a shadow process that
 * cannot reach the database, e.g. PGlite in the parent) and by the shadow's own process with its own connection.
 */
export class ShadowRowWriter {
  #pending: ShadowVerdictRow[] = []
  #flushing: Promise<void> | undefined
  #lastFlush = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  /** rows not stored: past the pending limit, or in a statement that failed */
  unsaved = 0

  constructor(
    private readonly db: Executor,
    private readonly log?: (message: string) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  add(row: ShadowVerdictRow): void {
    if (this.#pending.length >= MAX_PENDING_ROWS) {
      this.unsaved++
      return
    }
    this.#pending.push(row)
    this.#maybeFlush()
  }

  /** writes what waits and stops the timer */
  async close(): Promise<void> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    await this.#flushing
    await this.#flush()
  }

  #maybeFlush(): void {
    if (this.#flushing || this.#pending.length === 0) return
    const now = this.clock.now()
    if (now - this.#lastFlush < FLUSH_EVERY_MS && this.#pending.length < FLUSH_ROWS) {
      // come back for the rows once the interval is up, even with no more calls
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined
        this.#maybeFlush()
      }, FLUSH_EVERY_MS)
      this.#timer.unref?.()
      return
    }
    this.#lastFlush = now
    this.#flushing = this.#flush().finally(() => {
      this.#flushing = undefined
      // rows that came in meanwhile
      if (this.#pending.length > 0) this.#maybeFlush()
    })
  }

  async #flush(): Promise<void> {
    const rows = this.#pending
    if (rows.length === 0) return
    this.#pending = []
    await insertShadowVerdicts(this.db, rows).catch((err: unknown) => {
      this.unsaved += rows.length
      this.log?.(`shadow verdicts not stored (${rows.length} rows, ${this.unsaved} in all): ${err instanceof Error ? err.message : String(err)}`)
    })
  }
}
