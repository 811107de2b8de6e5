import type { FanCount } from './graph-walks.ts'
import type { WindowState } from './window.ts'

/**
 * The counterparties of an entity's window events after `since` that it had no event with in the rest of the
 * window (the new_counterparties measure; each event's value is its counterparty's number). One pass, newest
 * first: the events after `since` gather the counterparties, then the look-back only marks those it holds as
 * known, and stops once all are. What it finds is what `fanCount` with `newSince` finds on a graph of the same
 * transfers: the first transfer with each new counterparty as evidence, in time order.
 * One per rule runner, reused: evaluations are synchronous.
 */
export class NewCounterpartyScan {
  // per counterparty of the span, by its place in these arrays
  private readonly place = new Map<number, number>()
  /** its earliest transfer in the span, and that transfer's place in the scan (larger is older) */
  private readonly first: string[] = []
  private readonly firstAt: number[] = []
  private readonly sent: number[] = []
  private readonly known: boolean[] = []
  private since = 0
  private visited = 0
  private unknown = 0

  private readonly visit = (ts: number, counterparty: number, id: string): boolean => {
    const n = this.visited++
    const i = this.place.get(counterparty)
    if (ts > this.since) {
      if (i === undefined) {
        this.place.set(counterparty, this.first.length)
        this.first.push(id)
        this.firstAt.push(n)
        this.sent.push(1)
        this.known.push(false)
        this.unknown++
      } else {
        this.first[i] = id
        this.firstAt[i] = n
        this.sent[i]!++
      }
      return true
    }
    if (i !== undefined && !this.known[i]) {
      this.known[i] = true
      this.unknown--
    }
    return this.unknown > 0
  }

  /** the new counterparties of the events inside (ts - window, ts] after `since`, their transfers, `evidence` of them */
  run(window: WindowState, slot: number, ts: number, since: number, evidence: number): FanCount {
    this.place.clear()
    this.first.length = 0
    this.firstAt.length = 0
    this.sent.length = 0
    this.known.length = 0
    this.since = since
    this.visited = 0
    this.unknown = 0
    window.eachValue(slot, ts, this.visit)
    const fresh: number[] = []
    let sent = 0
    for (let i = 0; i < this.first.length; i++) {
      if (this.known[i]) continue
      fresh.push(i)
      sent += this.sent[i]!
    }
    // oldest first transfer first, as a graph's edges in time order give them
    fresh.sort((a, b) => this.firstAt[b]! - this.firstAt[a]!)
    const transfers: string[] = []
    for (let k = 0; k < fresh.length && transfers.length < evidence; k++) transfers.push(this.first[fresh[k]!]!)
    return { parties: fresh.length, transfers, sent }
  }
}
