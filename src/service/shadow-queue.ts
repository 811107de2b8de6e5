import type { Hit, TransferRecord } from '../core/index.ts'
import type { ShadowCallParts } from './shadow-thread-port.ts'

/**
 * A real-time call handed to the shadow: what the shadow's screening and the comparison need of it, and whether it
 * is answered. The record is kept as the JSON text the real-time path made for the history (the shadow's process
 * takes it as it is); the record object and the active screening's raw hits only while the shadow may screen on
 * the event loop, so a call waiting for the shadow's process holds a string and a few fields, not the verdict's
 * object graph (BENCHMARKS.md "shadow25").
 */
export interface ShadowEntry extends ShadowCallParts {
  /** the record, while the shadow may screen it on the event loop (else parsed from recordJson if it must) */
  record: TransferRecord | undefined
  /** the active screening's raw hits (modifiers included), while the shadow may screen on the event loop; else `reused` */
  activeHits: readonly Hit[] | undefined
  id: string
  timestamp: string
  /** the rules that hit in the active verdict, for the comparison */
  activeRules: readonly string[]
  /** performance.now() when screened, for the lag */
  queuedAt: number
  /** the call's answer has gone (or failed): the shadow may screen it now */
  settled: boolean
  /** its write failed: the transfer never happened as far as the history goes */
  lost: boolean
}

/**
 * The calls waiting for the shadow, in the order the active set screened them (the order the shadow's windows
 * must see them in), at most `max`: a call past that is dropped and counted, never waited for.
 */
export class ShadowQueue {
  #items: ShadowEntry[] = []
  #head = 0
  /** ids waiting here: the shadow's warm-up leaves them to be screened from the queue */
  readonly ids = new Set<string>()
  dropped = 0
  /** entries here whose answer has gone */
  #settled = 0

  constructor(readonly max: number) {}

  get length(): number {
    return this.#items.length - this.#head
  }

  offer(entry: ShadowEntry): boolean {
    if (this.length >= this.max) {
      this.dropped++
      return false
    }
    this.#items.push(entry)
    this.ids.add(entry.id)
    return true
  }

  /** the entry's answer has gone (`lost`: its write failed) */
  settle(entry: ShadowEntry, lost: boolean): void {
    if (!entry.settled && this.ids.has(entry.id)) this.#settled++
    entry.settled = true
    entry.lost = lost
  }

  /** how many entries here have been answered, wherever they wait */
  get settled(): number {
    return this.#settled
  }

  /** how many answered entries lead the queue, counting up to `max` */
  settledAtHead(max: number): number {
    let n = 0
    while (n < max && this.#items[this.#head + n]?.settled) n++
    return n
  }

  /** the oldest entry when its answer has gone, else undefined */
  peekSettled(): ShadowEntry | undefined {
    const e = this.#items[this.#head]
    return e?.settled ? e : undefined
  }

  oldest(): ShadowEntry | undefined {
    return this.#items[this.#head]
  }

  take(): ShadowEntry | undefined {
    const e = this.#items[this.#head]
    if (!e) return undefined
    this.#items[this.#head++] = undefined as unknown as ShadowEntry
    this.ids.delete(e.id)
    if (e.settled) this.#settled--
    // compact now and then rather than shift each time
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head)
      this.#head = 0
    }
    return e
  }

  clear(): void {
    this.#items = []
    this.#head = 0
    this.ids.clear()
    this.#settled = 0
  }
}
