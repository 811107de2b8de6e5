import { DAY_MS, ExpiryQueue, NOT_DUE } from './expiry-queue.ts'
import type { WindowState } from './window.ts'

/**
 * Everything one entity (one key of one namespace, such as "id:ACC-1") holds across the rules that keep
 * state by it. Rules find it once per record side, then ask for the window of their own slot: one hash lookup
 * per entity and record instead of one per rule. A window is a handle into its rule's WindowPool.
 *
 * Layout: a large population holds hundreds of thousands of these, and most have a few windows (a one-off
 * counterparty, a phone number). Those are (slot, handle) pairs of small integers in an array of exactly that
 * size, found by a scan (of a few dozen integers at most); an entity with windows of more than half the rules of
 * its namespace gets an array of handles indexed by slot, which is then no larger.
 */
export class EntityState {
  /** slot, handle, slot, handle, ...: the windows while there are at most half as many as slots */
  private paired: number[] | undefined = undefined
  /** handle by slot (-1: none), once there are more (`paired` is then unused) */
  private bySlot: number[] | undefined = undefined
  /** per state slot, the time of the entity's latest transfer the rule saw (for gap measures); made when first needed */
  seen: (number | undefined)[] | undefined = undefined
  /** the expiry day its table looks at it next (EntityTable's queue), NOT_DUE while it is in none */
  due = NOT_DUE
  /** the day before which its table does not look at it again, once it has looked at it and it kept windows */
  calmUntil = 0

  constructor(
    /** rules of the namespace: the length of the per-slot arrays */
    readonly slots: number,
    /** its key in its table, to leave the table by when its last window is dropped */
    readonly key = '',
  ) {}

  /** the handle of a slot's window, -1 when it has none */
  window(slot: number): number {
    const bySlot = this.bySlot
    if (bySlot !== undefined) return bySlot[slot]!
    const paired = this.paired
    if (paired !== undefined) {
      for (let i = 0; i < paired.length; i += 2) if (paired[i] === slot) return paired[i + 1]!
    }
    return -1
  }

  /** sets a slot's window handle, a new one or one that moved */
  setWindow(slot: number, handle: number): void {
    if (this.bySlot !== undefined) {
      this.bySlot[slot] = handle
      return
    }
    const paired = this.paired ?? EMPTY
    for (let i = 0; i < paired.length; i += 2) {
      if (paired[i] === slot) {
        paired[i + 1] = handle
        return
      }
    }
    if (paired.length + 2 > this.slots) {
      const bySlot = new Array<number>(this.slots).fill(-1)
      for (let i = 0; i < paired.length; i += 2) bySlot[paired[i]!] = paired[i + 1]!
      bySlot[slot] = handle
      this.paired = undefined
      this.bySlot = bySlot
      return
    }
    // one pair longer: an entity gains a window rarely, and spare room would stay unused
    const grown = new Array<number>(paired.length + 2)
    for (let i = 0; i < paired.length; i++) grown[i] = paired[i]!
    grown[paired.length] = slot
    grown[paired.length + 1] = handle
    this.paired = grown
  }

  /** drops the windows `idle` says can no longer matter (it frees them); returns how many are left */
  dropWindows(idle: (slot: number, handle: number) => boolean): number {
    let kept = 0
    const bySlot = this.bySlot
    if (bySlot !== undefined) {
      for (let i = 0; i < bySlot.length; i++) {
        const h = bySlot[i]!
        if (h < 0) continue
        if (idle(i, h)) bySlot[i] = -1
        else kept++
      }
      return kept
    }
    const paired = this.paired
    if (paired === undefined) return 0
    // kept pairs move to the front in place; a new array of exactly their size only when some went (a sweep
    // visits every entity, and most keep all their windows)
    let at = 0
    for (let i = 0; i < paired.length; i += 2) {
      if (idle(paired[i]!, paired[i + 1]!)) continue
      paired[at++] = paired[i]!
      paired[at++] = paired[i + 1]!
    }
    if (at === paired.length) return at / 2
    this.paired = at === 0 ? undefined : paired.slice(0, at)
    return at / 2
  }

  /**
   * Appends this entity's state to `out` (state snapshots): 0, or 1 and its pairs' length and pairs, or 2 and
   * its handle per slot; then 0, or 1 and its last-seen time per slot (NaN for none).
   */
  writeTo(out: number[]): void {
    if (this.bySlot) out.push(2, ...this.bySlot)
    else if (this.paired) out.push(1, this.paired.length, ...this.paired)
    else out.push(0)
    if (this.seen === undefined) out.push(0)
    else {
      out.push(1)
      for (let i = 0; i < this.slots; i++) out.push(this.seen[i] ?? Number.NaN)
    }
  }

  /** reads what `writeTo` wrote, at `from.at`, which it moves past */
  static readFrom(data: ArrayLike<number>, from: { at: number }, slots: number, key = ''): EntityState {
    const state = new EntityState(slots, key)
    const take = (n: number) => Array.from({ length: n }, () => data[from.at++]!)
    const form = data[from.at++]
    if (form === 2) state.bySlot = take(slots)
    else if (form === 1) state.paired = take(data[from.at++]!)
    if (data[from.at++] === 1) state.seen = take(slots).map((t) => (Number.isNaN(t) ? undefined : t))
    return state
  }

  /** windows held */
  windowCount(): number {
    if (this.bySlot !== undefined) return this.bySlot.filter((h) => h >= 0).length
    return this.paired ? this.paired.length / 2 : 0
  }
}

const EMPTY: number[] = []
/**
 * An entity that kept windows when looked at waits this long before the next look: most are one-off parties,
 * looked at once or twice, but an account with windows of many rules would otherwise be read through every day
 */
const REVISIT_MS = 4 * DAY_MS

/** Frees a window of `cursor`'s pool when it is idle at `now`: what a sweep does with each window. */
export function releaseIfIdle(cursor: WindowState, handle: number, now: number): boolean {
  if (!cursor.at(handle).isIdle(now)) return false
  cursor.pool.release(handle)
  return true
}

/** The entities of one namespace as plain data: their keys in table order, their states one after another. */
export interface EntityTableSnapshot {
  keys: string[]
  states: Float64Array
}

/**
 * The entities of one namespace, by key. Each entity waits in an expiry queue for the day one of its windows can
 * first go idle; then its idle windows are freed (their slots taken again by new windows), and an entity left
 * with none leaves the table. A window that gains events meanwhile only goes idle later, so the queue is told
 * of new windows only: an entity looked at too early is put back for its next window's day.
 */
export class EntityTable {
  private readonly byKey = new Map<string, EntityState>()
  /** per rule keeping state in this table (its slot in every entity's arrays), the cursor over its windows */
  private readonly cursors: WindowState[] = []
  private readonly queue = new ExpiryQueue<EntityState>()
  /** during `expire`: its time, and the earliest time a kept window of the entity looked at can go idle */
  private now = 0
  private nextIdle = Number.POSITIVE_INFINITY
  private readonly dropIdle = (slot: number, handle: number): boolean => {
    const pool = this.cursors[slot]!.pool
    const idleFrom = pool.idleFrom(handle)
    if (idleFrom <= this.now) {
      pool.release(handle)
      return true
    }
    if (idleFrom < this.nextIdle) this.nextIdle = idleFrom
    return false
  }
  private readonly look = (state: EntityState): void => {
    this.nextIdle = Number.POSITIVE_INFINITY
    if (state.dropWindows(this.dropIdle) > 0) {
      // a busy party (windows of many rules, some going idle every day) is looked at every few days only
      state.calmUntil = Math.ceil((this.now + REVISIT_MS) / DAY_MS)
      this.queue.schedule(state, Math.max(this.nextIdle, state.calmUntil * DAY_MS))
    }
    // a last-seen time is kept for good: a gap can be any length
    else if (state.seen === undefined) this.byKey.delete(state.key)
  }

  /** a slot for one more rule, whose windows `cursor` reads; call before screening starts */
  addRule(cursor: WindowState): number {
    return this.cursors.push(cursor) - 1
  }

  find(key: string): EntityState | undefined {
    return this.byKey.get(key)
  }

  obtain(key: string): EntityState {
    let state = this.byKey.get(key)
    if (!state) {
      state = new EntityState(this.cursors.length, key)
      this.byKey.set(key, state)
    }
    return state
  }

  /** `state` has a new window, which goes idle at `idleFrom` unless events join it */
  opened(state: EntityState, idleFrom: number): void {
    this.queue.schedule(state, Math.max(idleFrom, state.calmUntil * DAY_MS))
  }

  /** frees the windows gone idle by `now` (window + lateness after their latest event) and drops entities left with nothing */
  expire(now: number): void {
    this.now = now
    this.queue.visitDue(now, this.look)
  }

  windows(): number {
    let n = 0
    for (const state of this.byKey.values()) n += state.windowCount()
    return n
  }

  snapshot(): EntityTableSnapshot {
    const states: number[] = []
    for (const state of this.byKey.values()) state.writeTo(states)
    return { keys: [...this.byKey.keys()], states: Float64Array.from(states) }
  }

  /** takes over a snapshot's entities; the table must be empty, with the same rules */
  restore(s: EntityTableSnapshot): void {
    const from = { at: 0 }
    for (const key of s.keys) {
      const state = EntityState.readFrom(s.states, from, this.cursors.length, key)
      this.byKey.set(key, state)
      // queued for the day its earliest window goes idle, as if each had just been opened
      let first = Number.POSITIVE_INFINITY
      state.dropWindows((slot, handle) => {
        first = Math.min(first, this.cursors[slot]!.pool.idleFrom(handle))
        return false
      })
      if (first !== Number.POSITIVE_INFINITY) this.queue.schedule(state, first)
    }
  }
}
