import type { WindowState } from './window.ts'

/**
 * Everything one entity (one key of one namespace, such as "id:ACC-1") holds across the rules that keep
 * state by it. Rules find it once per record side, then index by their own slot: one hash lookup per
 * entity and record instead of one per rule, and an entity's windows sit together in memory.
 */
export class EntityState {
  /**
   * per rule of the namespace (its state slot), the window of the transfers that rule counted: sized to the
   * namespace's rules, not to the whole rule set, as a large population holds hundreds of thousands of these
   */
  readonly windows: (WindowState | undefined)[]
  /** per state slot, the time of the entity's latest transfer the rule saw (for gap measures); made when first needed */
  seen: (number | undefined)[] | undefined

  constructor(
    readonly key: string,
    slots: number,
  ) {
    this.windows = new Array<WindowState | undefined>(slots)
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
      let kept = 0
      const windows = state.windows
      for (let i = 0; i < windows.length; i++) {
        const w = windows[i]
        if (w === undefined) continue
        if (w.isIdle(now)) windows[i] = undefined
        else kept++
      }
      if (kept === 0 && state.seen === undefined) this.byKey.delete(key)
    }
  }

  windows(): number {
    let n = 0
    for (const state of this.byKey.values()) for (const w of state.windows) if (w !== undefined) n++
    return n
  }
}
