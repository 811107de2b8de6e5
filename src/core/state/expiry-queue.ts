/** where a queue keeps the day each item is due, `NOT_DUE` while it is in no bucket */
export interface Dues<T> {
  dueOf(item: T): number
  setDue(item: T, day: number): void
}

/** the day kept in the item, as its `due` */
const DUE_FIELD: Dues<{ due: number }> = {
  dueOf: (item) => item.due,
  setDue: (item, day) => {
    item.due = day
  },
}

export const NOT_DUE = -1

/** the queue's unit of time: coarse enough that an entity moves bucket rarely, fine enough that it waits little */
export const DAY_MS = 86_400_000

/**
 * Entities in buckets by the day one of their windows can first go idle, so each is looked at about when that
 * happens rather than by a sweep over all of them: a window is freed within a day of going idle, and its slot
 * taken by the next window. An entity is in one bucket at a time (its `due`); entries of buckets it left are
 * skipped when reached. A bucket is visited once event time (the latest seen) has passed its whole day.
 */
export class ExpiryQueue<T> {
  private readonly buckets = new Map<number, T[]>()
  /** the first day not visited yet */
  private next = Number.NEGATIVE_INFINITY

  constructor(private readonly dues: Dues<T> = DUE_FIELD as unknown as Dues<T>) {}

  /** puts `item` in the bucket of time `at`, unless it is due earlier already */
  schedule(item: T, at: number): void {
    let day = Math.max(Math.ceil(at / DAY_MS), this.next)
    // idle already (an empty window's time is -Infinity) before any visit: the first visit starts from day 0
    if (day === Number.NEGATIVE_INFINITY) day = 0
    const due = this.dues.dueOf(item)
    if (due !== NOT_DUE && due <= day) return
    this.dues.setDue(item, day)
    let bucket = this.buckets.get(day)
    if (bucket === undefined) {
      bucket = []
      this.buckets.set(day, bucket)
    }
    bucket.push(item)
  }

  /**
   * Hands `visit` each item due by `now`, in day order, each with its `due` reset (the visit schedules it again
   * if it should be); an item scheduled meanwhile into a day already due is visited in the same call.
   */
  visitDue(now: number, visit: (item: T) => void): void {
    const last = Math.floor(now / DAY_MS)
    if (last < this.next) return
    if (this.next === Number.NEGATIVE_INFINITY || last - this.next > this.buckets.size) {
      // a first call, or a jump in time across days of which few have buckets: start from the earliest bucket
      this.next = Math.min(last, ...this.buckets.keys())
    }
    for (; this.next <= last; this.next++) {
      const day = this.next
      const bucket = this.buckets.get(day)
      if (bucket === undefined) continue
      // the visits may add to this bucket (an item due again the same day): read it to its end as it grows
      for (let i = 0; i < bucket.length; i++) {
        const item = bucket[i]!
        if (this.dues.dueOf(item) !== day) continue
        this.dues.setDue(item, NOT_DUE)
        visit(item)
      }
      this.buckets.delete(day)
    }
  }

  /** items waiting, counting those that moved to another bucket since (a measure of the queue's own memory) */
  get entries(): number {
    let n = 0
    for (const b of this.buckets.values()) n += b.length
    return n
  }
}
