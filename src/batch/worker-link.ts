import { Worker } from 'node:worker_threads'
import type { CpuMessage, CpuRequest, HitsMessage, RecordsMessage, ShareMessage, WorkerSetup } from './messages.ts'
import type { EncodedRecords } from './record-codec.ts'

/** One screening thread: its share of the rules goes in first, then records; their hits (and CPU asked for) come back in order. */
export class WorkerLink {
  private readonly worker: Worker
  // the worker answers each message but its share in turn: hits for records, its CPU time for a CpuRequest
  private readonly waiting: { resolve(m: HitsMessage | CpuMessage): void; reject(e: Error): void }[] = []
  private failure: Error | undefined

  constructor(setup: WorkerSetup, heapMb?: number) {
    this.worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      workerData: setup,
      ...(heapMb !== undefined && { resourceLimits: { maxOldGenerationSizeMb: heapMb } }),
    })
    this.worker.on('message', (m: HitsMessage | CpuMessage) => this.waiting.shift()?.resolve(m))
    this.worker.on('error', (err) => this.fail(err))
    this.worker.on('exit', (code) => this.fail(new Error(`screening worker exited with code ${code}`)))
  }

  /** the rules this worker runs, sent once before any lines */
  assign(rules: number[], version: string): void {
    this.worker.postMessage({ share: { rules, version } } satisfies ShareMessage)
  }

  /** hands over `records` (their tokens transferred: the caller must not use them after) */
  post(records: EncodedRecords): Promise<HitsMessage> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve: resolve as (m: HitsMessage | CpuMessage) => void, reject })
      this.worker.postMessage({ records } satisfies RecordsMessage, [records.tokens.buffer as ArrayBuffer])
    })
  }

  /** CPU seconds the worker's thread used and seconds it had nothing to screen since it got its share, once it has screened what it was sent */
  usage(): Promise<CpuMessage> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise<HitsMessage | CpuMessage>((resolve, reject) => {
      this.waiting.push({ resolve, reject })
      this.worker.postMessage({ cpu: true } satisfies CpuRequest)
    }).then((m) => m as CpuMessage)
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit')
    await this.worker.terminate()
  }

  private fail(err: Error): void {
    this.failure ??= err
    for (const w of this.waiting.splice(0)) w.reject(err)
  }
}
