import { DAY_MS, type Dues, ExpiryQueue, NOT_DUE } from './expiry-queue.ts'
import type { WindowState } from './window.ts'
import { ROW_OWN, WindowSlots } from './window-slots.ts'
import { grown, sortDescending } from './grown.ts'
import { PartyNumbers } from './party-numbers.ts'

/**
 * An entity that kept windows when looked at waits this long before the next look: most are one-off parties,
 * looked at once or twice, but an account with windows of many rules would otherwise be read through every day
 */
const REVISIT_MS = 4 * DAY_MS
const MINUTE_MS = 60_000
/** ADDED_FROM of a row whose windows' times are not known (restored from a snapshot, or a time out of range): read them */
const UNKNOWN = -(2 ** 31)
/** ADDED_FROM of a row without windows */
const NO_EVENT = UNKNOWN + 1
const MAX_MINUTE = 2 ** 31 - 1
/**
 * A row's own integers beside its windows' in `WindowSlots.columns` (one place in memory for a party's row): the
 * day before which it is not looked at again, and the minutes of its first and latest events (see EntityTable)
 */
const CALM_UNTIL = ROW_OWN
const ADDED_FROM = ROW_OWN + 1
const ADDED_TO = ROW_OWN + 2
const STRIDE = ROW_OWN + 3

/** Frees a window of `cursor`'s pool when it is idle at `now`: what a sweep does with each window. */
export function releaseIfIdle(cursor: WindowState, handle: number, now: number): boolean {
  if (!cursor.at(handle).isIdle(now)) return false
  cursor.pool.release(handle)
  return true
}

/** The entities of one namespace as plain data: their keys in row order, their states one after another. */
export interface EntityTableSnapshot {
  keys: string[]
  states: Float64Array
}

/**
 * The entities of one namespace, by key. An entity is a row number: its windows (a handle per rule slot) are in
 * `WindowSlots`, its expiry day and key's number in columns, so a population of a million parties costs no object
 * each. Keys are numbered by a `PartyNumbers` (the screener's shared one for party ids, which the transfer graphs
 * use too; a table's own otherwise), and a key's row is a column by that number.
 * Each entity waits in an expiry queue for the day one of its windows can first go idle; then its idle windows
 * are freed (their slots taken again by new windows), and an entity left with none leaves the table (its row
 * taken again by the next new entity). A window that gains events meanwhile only goes idle later, so the queue is
 * told of new windows only: an entity looked at too early is put back for its next window's day.
 */
export class EntityTable {
  /** per key number: the key's row, -1 when it has none */
  private rowOf = new Int32Array(64).fill(-1)
  /** per rule keeping state in this table (its slot in every entity's windows), the cursor over its windows */
  private readonly cursors: WindowState[] = []
  private slotsOf: WindowSlots | undefined
  /** rows made so far (free or not): every row is below it */
  private rows = 0
  /** per row: its key's number (-1 for a free row), the expiry day its queue looks at it next */
  private keyOf = new Int32Array(64).fill(-1)
  private due = new Float64Array(64).fill(NOT_DUE)
  // In `windowSlots.columns`, beside the row's windows' integers: CALM_UNTIL, the day before which a row is not
  // looked at again; ADDED_FROM and ADDED_TO, the minutes (event time, rounded up) of the first and latest events
  // its windows took since it last held none: no window's latest event is later than ADDED_TO, nor earlier than a
  // minute before ADDED_FROM, so an expiry visit frees a window whose rule's window has passed since ADDED_TO
  // without reading it (a read of two of its pool's arrays, the largest cost of a visit), keeps one that cannot be
  // idle even by ADDED_FROM, and, while both are equal (a party seen at one time only: most of a large
  // population), takes every window's idle time from them.
  private readonly freeRows: number[] = []
  /** per row that has them, the time of its latest transfer each rule saw (gap measures); kept for good */
  private readonly seenBy = new Map<number, (number | undefined)[]>()
  private readonly queue = new ExpiryQueue<number>({
    dueOf: (row) => this.due[row]!,
    setDue: (row, day) => {
      this.due[row] = day
    },
  } satisfies Dues<number>)
  /** during `expire`: its time, and the earliest time a kept window of the entity looked at can go idle */
  private now = 0
  private nextIdle = Number.POSITIVE_INFINITY
  /** during `expire`, of the row looked at: no window's latest event is later (ms), none earlier, and whether all share one minute */
  private latest = Number.POSITIVE_INFINITY
  private earliest = Number.NEGATIVE_INFINITY
  private atOneTime = false
  /** per rule slot, window + lateness of its rule: how long after its latest event a window goes idle */
  private readonly idleAfter: number[] = []
  private readonly dropIdle = (slot: number, handle: number): boolean => {
    const pool = this.cursors[slot]!.pool
    // idle by the row's latest event already: freed unread; not idle even by its earliest: kept unread, looked
    // at again from then; else the window's own time, unless every window took its events in that one minute
    const idleAfter = this.idleAfter[slot]!
    let idleFrom = this.latest + idleAfter
    if (idleFrom > this.now && !this.atOneTime) {
      const earliest = this.earliest + idleAfter
      idleFrom = earliest > this.now ? earliest : pool.idleFrom(handle)
    }
    if (idleFrom <= this.now) {
      pool.release(handle)
      return true
    }
    if (idleFrom < this.nextIdle) this.nextIdle = idleFrom
    return false
  }
  private readonly look = (row: number): void => {
    this.nextIdle = Number.POSITIVE_INFINITY
    const slots = this.windowSlots
    const r = row * STRIDE
    const from = slots.columns[r + ADDED_FROM]!
    const to = slots.columns[r + ADDED_TO]!
    const known = from > NO_EVENT
    this.latest = known ? to * MINUTE_MS : Number.POSITIVE_INFINITY
    // minutes are rounded up: the first event may be up to a minute earlier
    this.earliest = known ? (from - 1) * MINUTE_MS : Number.NEGATIVE_INFINITY
    this.atOneTime = known && from === to
    if (slots.dropWindows(row, this.dropIdle) > 0) {
      // a busy party (windows of many rules, some going idle every day) is looked at every few days only
      const calmUntil = Math.ceil((this.now + REVISIT_MS) / DAY_MS)
      slots.columns[r + CALM_UNTIL] = calmUntil
      this.queue.schedule(row, Math.max(this.nextIdle, calmUntil * DAY_MS))
    }
    // a last-seen time is kept for good: a gap can be any length
    else if (!this.seenBy.has(row)) this.drop(row)
    else slots.columns[r + ADDED_FROM] = NO_EVENT
  }

  constructor(private readonly parties: PartyNumbers = new PartyNumbers()) {}

  /** a slot for one more rule, whose windows `cursor` reads; call before screening starts */
  addRule(cursor: WindowState): number {
    if (this.slotsOf !== undefined) throw new Error('a rule added to an entity table in use')
    const { windowMs, latenessMs } = cursor.pool.spec
    this.idleAfter.push(windowMs + latenessMs)
    return this.cursors.push(cursor) - 1
  }

  /** the windows of every row, by rule slot */
  get windowSlots(): WindowSlots {
    return (this.slotsOf ??= new WindowSlots(this.cursors.length, STRIDE - ROW_OWN))
  }

  /** the entity's row, -1 when it has none */
  find(key: string): number {
    const n = this.parties.find(key)
    return n < 0 || n >= this.rowOf.length ? -1 : this.rowOf[n]!
  }

  obtain(key: string): number {
    const n = this.parties.number(key)
    if (n >= this.rowOf.length) this.rowOf = grown(this.rowOf, Math.max(this.parties.capacity, Math.ceil(this.rowOf.length * 1.5)), -1)
    let row = this.rowOf[n]!
    if (row < 0) {
      row = this.freeRows.pop() ?? this.rows
      if (row === this.rows) this.grow(this.rows++)
      this.keyOf[row] = n
      this.rowOf[n] = row
      this.parties.hold(n)
      const cols = this.windowSlots.columns
      cols[row * STRIDE + CALM_UNTIL] = 0
      cols[row * STRIDE + ADDED_FROM] = NO_EVENT
    }
    return row
  }

  /** the handle of a row's window of rule `slot`, -1 when it has none */
  window(row: number, slot: number): number {
    return this.windowSlots.window(row, slot)
  }

  setWindow(row: number, slot: number, handle: number): void {
    this.windowSlots.setWindow(row, slot, handle)
  }

  /** gives a row a window of rule `slot`, which it has none of */
  addWindow(row: number, slot: number, handle: number): void {
    this.windowSlots.addWindow(row, slot, handle)
  }

  /** one of a row's windows took an event at `ts` */
  added(row: number, ts: number): void {
    const cols = this.windowSlots.columns
    const r = row * STRIDE
    const from = cols[r + ADDED_FROM]!
    if (from === UNKNOWN) return
    const minute = Math.ceil(ts / MINUTE_MS)
    // a time whose minute an int32 cannot hold (or NaN): its windows are read
    if (!(minute > NO_EVENT && minute <= MAX_MINUTE)) cols[r + ADDED_FROM] = UNKNOWN
    else if (from === NO_EVENT) {
      cols[r + ADDED_FROM] = minute
      cols[r + ADDED_TO] = minute
    } else {
      if (minute < from) cols[r + ADDED_FROM] = minute
      if (minute > cols[r + ADDED_TO]!) cols[r + ADDED_TO] = minute
    }
  }

  /** a row's last-seen times by rule slot, made when first asked for */
  seen(row: number): (number | undefined)[] {
    let seen = this.seenBy.get(row)
    if (seen === undefined) {
      seen = new Array<number | undefined>(this.cursors.length)
      this.seenBy.set(row, seen)
    }
    return seen
  }

  /** `row` has a new window, which goes idle at `idleFrom` unless events join it */
  opened(row: number, idleFrom: number): void {
    this.queue.schedule(row, Math.max(idleFrom, this.windowSlots.columns[row * STRIDE + CALM_UNTIL]! * DAY_MS))
  }

  /** frees the windows gone idle by `now` (window + lateness after their latest event) and drops entities left with nothing */
  expire(now: number): void {
    this.now = now
    this.queue.visitDue(now, this.look)
    // what the visits freed is taken again from the lowest row, block and window slot up: new parties of the
    // next day then sit side by side in memory rather than wherever the day's departures happened to be
    sortDescending(this.freeRows)
    this.windowSlots.tidy()
    for (const c of this.cursors) c.pool.tidy()
  }

  windows(): number {
    let n = 0
    for (let row = 0; row < this.rows; row++) if (this.keyOf[row]! >= 0) n += this.windowSlots.windowCount(row)
    return n
  }

  /** a row's state in a snapshot's form: its windows (WindowSlots.writeTo), then 0, or 1 and its last-seen time per slot (NaN for none) */
  writeRow(row: number, out: number[]): void {
    this.windowSlots.writeTo(row, out)
    const seen = this.seenBy.get(row)
    if (seen === undefined) out.push(0)
    else {
      out.push(1)
      for (let i = 0; i < this.cursors.length; i++) out.push(seen[i] ?? Number.NaN)
    }
  }

  /** reads what `writeRow` wrote, at `from.at`, which it moves past, into a row just obtained */
  readRow(row: number, data: ArrayLike<number>, from: { at: number }): void {
    this.windowSlots.readFrom(row, data, from)
    // its windows' times are in the pools only
    this.windowSlots.columns[row * STRIDE + ADDED_FROM] = UNKNOWN
    if (data[from.at++] !== 1) return
    const seen = this.seen(row)
    for (let i = 0; i < this.cursors.length; i++) {
      const t = data[from.at++]!
      seen[i] = Number.isNaN(t) ? undefined : t
    }
  }

  /** drops every window of a row (the entity-less state's sweep) that `idle` says can go; returns how many are left */
  dropWindows(row: number, idle: (slot: number, handle: number) => boolean): number {
    return this.windowSlots.dropWindows(row, idle)
  }

  snapshot(): EntityTableSnapshot {
    const keys: string[] = []
    const states: number[] = []
    for (let row = 0; row < this.rows; row++) {
      const n = this.keyOf[row]!
      if (n < 0) continue
      keys.push(this.parties.text(n))
      this.writeRow(row, states)
    }
    return { keys, states: Float64Array.from(states) }
  }

  /** takes over a snapshot's entities; the table must be empty, with the same rules */
  restore(s: EntityTableSnapshot): void {
    const from = { at: 0 }
    for (const key of s.keys) {
      const row = this.obtain(key)
      this.readRow(row, s.states, from)
      // queued for the day its earliest window goes idle, as if each had just been opened
      let first = Number.POSITIVE_INFINITY
      this.windowSlots.dropWindows(row, (slot, handle) => {
        first = Math.min(first, this.cursors[slot]!.pool.idleFrom(handle))
        return false
      })
      if (first !== Number.POSITIVE_INFINITY) this.queue.schedule(row, first)
    }
  }

  /** the entity leaves the table; its row is taken by the next new one */
  private drop(row: number): void {
    const n = this.keyOf[row]!
    this.rowOf[n] = -1
    this.keyOf[row] = -1
    this.windowSlots.clear(row)
    this.freeRows.push(row)
    this.parties.letGo(n)
  }

  private grow(row: number): void {
    this.windowSlots.ensure(row)
    if (row < this.due.length) return
    const n = Math.ceil(this.due.length * 1.5)
    this.due = grown(this.due, n, NOT_DUE)
    this.keyOf = grown(this.keyOf, n, -1)
  }
}
