import { claimQueuedBatch } from '../store/batches.ts'
import { screenStoredBatch } from './batches.ts'
import type { BatchQueue, ServiceDeps } from './deps.ts'

/**
 * The queue is the batches table: a stored batch waits there as `queued` (so it survives a restart, and any
 * process on the database may take it), and this process screens at most `concurrency` at once, taking the
 * oldest first. Real-time calls are not queued behind batches: a batch yields to them between slices.
 */
export class StoredBatchQueue implements BatchQueue {
  #running = 0
  #claiming: Promise<void> | undefined
  #again = false

  constructor(
    private readonly deps: ServiceDeps,
    readonly concurrency: number,
  ) {}

  /** batches this process is screening now */
  get running(): number {
    return this.#running
  }

  kick(): Promise<void> {
    // one claimer at a time, so no more slots are filled than there are; a kick meanwhile looks again after it
    if (this.#claiming) {
      this.#again = true
      return this.#claiming
    }
    this.#claiming = this.#fill().finally(() => {
      this.#claiming = undefined
      if (this.#again) {
        this.#again = false
        void this.kick().catch(() => {})
      }
    })
    return this.#claiming
  }

  async #fill(): Promise<void> {
    while (this.#running < this.concurrency) {
      const batch = await claimQueuedBatch(this.deps.db)
      if (!batch) return
      this.#running++
      this.deps.background.run((signal) =>
        screenStoredBatch(this.deps, batch, signal).finally(() => {
          this.#running--
          // the next one, unless this process is stopping
          if (!signal.aborted) void this.kick().catch(() => {})
        }),
      )
    }
  }
}
