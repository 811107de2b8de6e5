import type { BackgroundTasks } from './deps.ts'

/** The reason an interruptible task's signal gives when the service stops (rather than gives its work up). */
export class ServiceStopping extends Error {
  constructor() {
    super('the service stopped')
  }
}

/** Runs background work in this process and keeps track of it, so that shutdown can wait for it. */
export class InProcessTasks implements BackgroundTasks {
  readonly #running = new Set<Promise<void>>()
  readonly #abort = new AbortController()
  readonly #stopping = new AbortController()

  /** `report` hears of tasks that failed (the console by default) */
  constructor(private readonly report: (message: string) => void = (m) => console.error(`txscreen: ${m}`)) {}

  run(task: (signal: AbortSignal) => Promise<void>, opts: { interruptible?: boolean } = {}): void {
    const signal = opts.interruptible ? AbortSignal.any([this.#abort.signal, this.#stopping.signal]) : this.#abort.signal
    const p = task(signal)
      .catch((err: unknown) => {
        if (!signal.aborted) this.report(`background task failed: ${err instanceof Error ? err.message : String(err)}`)
      })
      .finally(() => this.#running.delete(p))
    this.#running.add(p)
  }

  get size(): number {
    return this.#running.size
  }

  /** Resolves when every task started so far (and any they start) has finished. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running])
  }

  /** For shutdown: interrupts the interruptible tasks (they end where they stand) and waits for every task. */
  async stop(): Promise<void> {
    this.#stopping.abort(new ServiceStopping())
    await this.idle()
  }

  /** Stops tasks where they stand, as if the process had died: used to test recovery. */
  abandon(): void {
    this.#abort.abort(new Error('abandoned'))
  }
}
