import { Worker } from 'node:worker_threads'
import type { RuleSource, TransferRecord } from '../../core/index.ts'
import type { ShadowPlan } from '../../service/shadow-plan.ts'
import type { ShadowCall, ShadowOutcome, ShadowThread, ShadowThreadFactory } from '../../service/shadow-thread-port.ts'
import type { ShadowThreadReply, ShadowThreadRequest, ShadowThreadSetup } from './shadow-thread-messages.ts'

/**
 * The shadow rule set's screening on a worker thread: the event loop only posts each batch of settled calls
 * and tallies the outcomes, so the shadow's rules no longer run between requests (BENCHMARKS.md "Shadow rule set").
 */
class WorkerShadowThread implements ShadowThread {
  readonly #worker: Worker
  readonly #waiting: { resolve(reply: ShadowThreadReply): void; reject(err: Error): void }[] = []
  #failure: Error | undefined

  constructor(setup: ShadowThreadSetup) {
    this.#worker = new Worker(new URL('./shadow-thread-entry.mjs', import.meta.url), { workerData: setup })
    // the service's exit never waits for the shadow
    this.#worker.unref()
    this.#worker.on('message', (reply: ShadowThreadReply) => this.#waiting.shift()?.resolve(reply))
    this.#worker.on('error', (err) => this.#fail(err))
    this.#worker.on('exit', (code) => this.#fail(new Error(`shadow thread exited with code ${code}`)))
  }

  observe(records: TransferRecord[]): void {
    if (!this.#failure) this.#post({ observe: records })
  }

  async warmed(): Promise<void> {
    await this.#ask({ warmed: true })
  }

  async screen(calls: ShadowCall[]): Promise<(ShadowOutcome | undefined)[]> {
    const reply = await this.#ask({ calls })
    return 'outcomes' in reply ? reply.outcomes : []
  }

  close(): void {
    this.#worker.removeAllListeners('exit')
    this.#fail(new Error('shadow thread closed'))
    void this.#worker.terminate()
  }

  #ask(request: ShadowThreadRequest): Promise<ShadowThreadReply> {
    if (this.#failure) return Promise.reject(this.#failure)
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject })
      this.#post(request)
    })
  }

  #post(request: ShadowThreadRequest): void {
    this.#worker.postMessage(request)
  }

  #fail(err: Error): void {
    this.#failure ??= err
    for (const w of this.#waiting.splice(0)) w.reject(err)
  }
}

export const workerShadowThread: ShadowThreadFactory = (files: readonly RuleSource[], version: string, plan: ShadowPlan) => new WorkerShadowThread({ files, version, plan })
