import type { WindowState } from './window.ts'

// an entity with more windows than this indexes them by slot, in an array over its namespace's rules
const PAIRED_WINDOWS = 5

/**
 * Everything one entity (one key of one namespace, such as "id:ACC-1") holds across the rules that keep
 * state by it. Rules find it once per record side, then ask for the window of their own slot: one hash lookup
 * per entity and record instead of one per rule.
 *
 * Layout: a large population holds hundreds of thousands of these, and most have one window (a one-off
 * counterparty, a phone number). The first window sits in the entity's own fields; the next few are
 * (slot, window) pairs in an array of exactly that size, found by a scan of a few numbers; a busy account
 * (windows of many of the rules of the `id` namespace) gets an array indexed by slot.
 */
export class EntityState {
  private slot0 = -1
  private window0: WindowState | undefined = undefined
  /** the windows after the first, up to PAIRED_WINDOWS in all: slot, window, slot, window, ... */
  private paired: (number | WindowState)[] | undefined = undefined
  /** every window by slot, once there are more than PAIRED_WINDOWS (the fields above are then unused) */
  private bySlot: (WindowState | undefined)[] | undefined = undefined
  /** per state slot, the time of the entity's latest transfer the rule saw (for gap measures); made when first needed */
  seen: (number | undefined)[] | undefined = undefined

  constructor(
    readonly key: string,
    /** rules of the namespace: the length of the per-slot arrays */
    readonly slots: number,
  ) {}

  window(slot: number): WindowState | undefined {
    const bySlot = this.bySlot
    if (bySlot !== undefined) return bySlot[slot]
    if (this.slot0 === slot) return this.window0
    const paired = this.paired
    if (paired !== undefined) {
      for (let i = 0; i < paired.length; i += 2) if (paired[i] === slot) return paired[i + 1] as WindowState
    }
    return undefined
  }

  /** sets a slot's window (there must be none yet) */
  addWindow(slot: number, window: WindowState): void {
    if (this.bySlot !== undefined) {
      this.bySlot[slot] = window
      return
    }
    if (this.window0 === undefined) {
      this.slot0 = slot
      this.window0 = window
      return
    }
    const paired = this.paired ?? []
    if (1 + paired.length / 2 === PAIRED_WINDOWS) {
      const bySlot = new Array<WindowState | undefined>(this.slots)
      bySlot[this.slot0] = this.window0
      for (let i = 0; i < paired.length; i += 2) bySlot[paired[i] as number] = paired[i + 1] as WindowState
      bySlot[slot] = window
      this.slot0 = -1
      this.window0 = undefined
      this.paired = undefined
      this.bySlot = bySlot
      return
    }
    // one pair longer: an entity gains a window rarely, and spare room would stay unused
    const grown = new Array<number | WindowState>(paired.length + 2)
    for (let i = 0; i < paired.length; i++) grown[i] = paired[i]!
    grown[paired.length] = slot
    grown[paired.length + 1] = window
    this.paired = grown
  }

  /** drops the windows `idle` says can no longer matter; returns how many are left */
  dropWindows(idle: (w: WindowState) => boolean): number {
    let kept = 0
    const bySlot = this.bySlot
    if (bySlot !== undefined) {
      for (let i = 0; i < bySlot.length; i++) {
        const w = bySlot[i]
        if (w === undefined) continue
        if (idle(w)) bySlot[i] = undefined
        else kept++
      }
      return kept
    }
    const pairs: (number | WindowState)[] = this.window0 === undefined ? [] : [this.slot0, this.window0]
    if (this.paired) pairs.push(...this.paired)
    this.slot0 = -1
    this.window0 = undefined
    this.paired = undefined
    for (let i = 0; i < pairs.length; i += 2) {
      const w = pairs[i + 1] as WindowState
      if (idle(w)) continue
      this.addWindow(pairs[i] as number, w)
      kept++
    }
    return kept
  }

  /** windows held */
  windowCount(): number {
    if (this.bySlot !== undefined) return this.bySlot.filter((w) => w !== undefined).length
    return (this.window0 === undefined ? 0 : 1) + (this.paired ? this.paired.length / 2 : 0)
  }
}

/** The entities of one namespace, by key. */
export class EntityTable {
  private readonly byKey = new Map<string, EntityState>()
  /** rules keeping state in this table; each has a slot in every entity's arrays */
  private slots = 0

  /** a slot for one more rule; call before screening starts */
  addRule(): number {
    return this.slots++
  }

  find(key: string): EntityState | undefined {
    return this.byKey.get(key)
  }

  obtain(key: string): EntityState {
    let state = this.byKey.get(key)
    if (!state) {
      state = new EntityState(key, this.slots)
      this.byKey.set(key, state)
    }
    return state
  }

  /**
   * Drops windows whose events have all left (window + lateness) and entities left with nothing.
   * A last-seen time is kept for good: a gap can be any length.
   */
  sweep(now: number): void {
    for (const [key, state] of this.byKey) {
      const kept = state.dropWindows((w) => w.isIdle(now))
      if (kept === 0 && state.seen === undefined) this.byKey.delete(key)
    }
  }

  windows(): number {
    let n = 0
    for (const state of this.byKey.values()) n += state.windowCount()
    return n
  }
}
