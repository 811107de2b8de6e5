import type { Db } from '../store/db.ts'
import { appendEntityEvents, type EntityEvent } from '../store/realtime-store.ts'
import type { VerdictRow } from '../store/verdicts.ts'

export interface GroupWriterOptions {
  /** a flush waits this long for more calls to join it when the writer was idle */
  delayMs: number
  /** rows (entity events plus verdicts) per flush at most; more wait for the next one */
  maxRows: number
  /** flushes on their way to the database at once: while one waits for its commit, the next is written */
  maxInFlight: number
  /** rows waiting at most; beyond that calls are refused before they are screened */
  maxQueuedRows: number
  /**
   * Called once per failed flush with the transfer ids of every write answered with an error: the flush's
   * own, every write queued behind it, and those of flushes under way, since all of those were screened
   * against state that counted the lost transfers.
   */
  onFailure(ids: readonly string[], err: unknown): void
  /**
   * called after each committed flush with how long it took from send to commit, how many calls it answered, and
   * how many were queued behind it meanwhile (with one flush at a time, they waited for it too)
   */
  onFlushed?(ms: number, calls: number, queuedBehind: number): void
  /**
   * Called just before a flush takes its rows, and when a flush ends: the owner may `write` then (its writes join
   * that flush), e.g. calls it held back while a flush was due (`due()`), screened back to back.
   */
  beforeFlush?(): void
}

interface PendingWrite {
  id: string
  event: EntityEvent | undefined
  /** the verdict's stored row, or its columns as JSON text already (see appendEntityEvents) */
  verdict: VerdictRow | string | undefined
  rows: number
  resolve(): void
  reject(err: unknown): void
}

export class WriterOverloadedError extends Error {
  constructor() {
    super('too many real-time writes are waiting for the database')
  }
}

/**
 * Group commit for real-time calls: each call's rows are queued, and one statement writes every call
 * queued since the last flush. A call's promise resolves once its rows are committed, so an acknowledged
 * verdict is durable, while many calls share one round trip and one commit. Up to `maxInFlight` flushes
 * are under way at once and calls arriving meanwhile form the next one, so the flush size follows the load.
 *
 * When a flush fails, its calls, the calls queued behind it and the calls of flushes still under way are
 * all answered with the error (a flush under way may still commit: like a call that timed out, such a
 * transfer is in the database without an acknowledgement, and a retry finds it there).
 */
export class GroupWriter {
  #queue: PendingWrite[] = []
  #queuedRows = 0
  #inFlight = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  #closed = false
  #idle: (() => void)[] = []
  /** bumped by every failure: a flush of an earlier epoch that ends later is answered with that failure */
  #epoch = 0
  #failure: unknown
  /** inside beforeFlush: its writes only queue, the flush under way takes them */
  #preparing = false
  flushes = 0
  rowsWritten = 0

  constructor(
    private readonly db: Db,
    private readonly options: GroupWriterOptions,
  ) {}

  /**
   * false when the queue is full: the caller must refuse the call before touching any state. `pending`: rows the
   * caller has promised to write and not queued yet (a batch screened before its writes), counted as queued.
   */
  hasRoom(pending = 0): boolean {
    return !this.#closed && this.#queuedRows + pending < this.options.maxQueuedRows
  }

  /** Queues one call's rows; resolves when they are committed, rejects when their flush failed. */
  write(id: string, event: EntityEvent | undefined, verdict: VerdictRow | string | undefined): Promise<void> {
    if (!this.hasRoom()) return Promise.reject(new WriterOverloadedError())
    const rows = (event ? event.keys.length : 0) + (verdict ? 1 : 0)
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ id, event, verdict, rows, resolve, reject })
      this.#queuedRows += rows
      this.#schedule()
    })
  }

  /** Resolves when everything queued so far has been flushed (or has failed). */
  drain(): Promise<void> {
    if (this.#queue.length === 0 && this.#inFlight === 0) return Promise.resolve()
    return new Promise<void>((resolve) => this.#idle.push(resolve))
  }

  /** Refuses new writes and waits for the queued ones. */
  async close(): Promise<void> {
    this.#closed = true
    if (this.#timer) {
      clearTimeout(this.#timer)
      this.#timer = undefined
    }
    while (this.#queue.length > 0 && this.#inFlight < this.options.maxInFlight) this.#flush()
    await this.drain()
  }

  get queuedRows(): number {
    return this.#queuedRows
  }

  /** whether a flush is due (its timer set) or as many as may be are under way: `beforeFlush` will be called */
  due(): boolean {
    return !this.#closed && (this.#timer !== undefined || this.#inFlight >= this.options.maxInFlight)
  }

  #prepare(): void {
    const before = this.options.beforeFlush
    if (!before || this.#preparing) return
    this.#preparing = true
    try {
      before()
    } finally {
      this.#preparing = false
    }
  }

  #schedule(): void {
    if (this.#preparing) return
    if (this.#timer || this.#queue.length === 0 || this.#inFlight >= this.options.maxInFlight) return
    if (this.#queuedRows >= this.options.maxRows) {
      this.#flush()
      return
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#flush()
    }, this.options.delayMs)
  }

  #flush(): void {
    this.#prepare()
    if (this.#queue.length === 0) {
      if (this.#inFlight === 0) {
        const idle = this.#idle
        this.#idle = []
        for (const f of idle) f()
      }
      return
    }
    let take = 0
    let rows = 0
    while (take < this.#queue.length && (take === 0 || rows + this.#queue[take]!.rows <= this.options.maxRows)) rows += this.#queue[take++]!.rows
    const batch = this.#queue.splice(0, take)
    this.#queuedRows -= rows
    const events: EntityEvent[] = []
    const verdicts: (VerdictRow | string)[] = []
    for (const w of batch) {
      if (w.event) events.push(w.event)
      if (w.verdict) verdicts.push(w.verdict)
    }
    const epoch = this.#epoch
    this.#inFlight++
    const started = performance.now()
    appendEntityEvents(this.db, events, verdicts)
      .then(
        () => {
          if (epoch !== this.#epoch) return this.#fail(batch, this.#failure)
          this.flushes++
          this.rowsWritten += rows
          this.options.onFlushed?.(performance.now() - started, batch.length, this.#queue.length)
          for (const w of batch) w.resolve()
        },
        (err: unknown) => {
          if (epoch !== this.#epoch) return this.#fail(batch, this.#failure)
          this.#epoch++
          this.#failure = err
          // everything queued behind this flush was screened against state that counted the lost writes
          const queued = this.#queue.splice(0)
          this.#queuedRows = 0
          this.#fail(batch.concat(queued), err)
        },
      )
      .finally(() => {
        this.#inFlight--
        // what the owner held back for this flush's end is written now
        if (this.#inFlight > 0) this.#prepare()
        // what arrived meanwhile goes at once (the flush itself was the wait), or joins the next timer
        if (this.#queuedRows >= this.options.maxRows || this.#inFlight === 0) this.#flush()
        else this.#schedule()
      })
  }

  #fail(writes: PendingWrite[], err: unknown): void {
    for (const w of writes) w.reject(err)
    this.options.onFailure(
      writes.map((w) => w.id),
      err,
    )
  }
}
