import type { EntitySpec } from '../rules/entity.ts'
import type { TransferView } from '../screen/view.ts'
import { EntityTable, type EntityTableSnapshot } from './entities.ts'
import { DAY_MS } from './expiry-queue.ts'
import { PartyNumbers } from './party-numbers.ts'
import type { WindowState } from './window.ts'

/** the namespace of party ids, whose keys (the ids as written) the transfer graphs use too */
const PARTY_IDS = 'id'

/** a memo's entry for a namespace not looked at yet for the current record */
const NOT_LOOKED = -2

/**
 * The entity tables of one screener, one per namespace, and a memo of the current record's keys and
 * states per side: rules keyed alike (fan-in, fan-in-large, collector... all by receiver id) normalise
 * the key and look it up once per record instead of once each.
 */
export class EntityIndex {
  /** party ids as numbers, shared by the `id` table and the rules' transfer graphs */
  readonly parties = new PartyNumbers()
  private readonly slots = new Map<string, number>()
  private readonly tables: EntityTable[] = []
  // [side][namespace slot]; undefined / NOT_LOOKED: not looked at yet for this record, null / -1: no key / no state
  private readonly keys: (string | null | undefined)[][] = [[], []]
  private readonly states: number[][] = [[], []]
  /** the event time from which `expire` has buckets to visit: the next day's start */
  private nextExpiry = Number.NEGATIVE_INFINITY

  /** the slot of a namespace; rules of one namespace share its table */
  slotOf(namespace: string): number {
    let slot = this.slots.get(namespace)
    if (slot === undefined) {
      slot = this.tables.length
      this.slots.set(namespace, slot)
      this.tables.push(new EntityTable(namespace === PARTY_IDS ? this.parties : undefined))
    }
    return slot
  }

  /** forgets the previous record's memo; call before each record */
  nextRecord(): void {
    for (let side = 0; side < 2; side++) {
      this.keys[side]!.fill(undefined)
      this.states[side]!.fill(NOT_LOOKED)
    }
  }

  /** a slot for one more rule in the entities of namespace `slot` (its index into their per-rule arrays) */
  ruleSlot(slot: number, windows: WindowState): number {
    return this.tables[slot]!.addRule(windows)
  }

  key(view: TransferView, slot: number, entity: EntitySpec): string | undefined {
    const memo = this.keys[view.direction === 'out' ? 0 : 1]!
    let key = memo[slot]
    if (key === undefined) {
      key = entity.key(view) ?? null
      memo[slot] = key
    }
    return key ?? undefined
  }

  /** the entity's row in its table for this record's side (-1: none), created when `create` (the key must have come from `key`) */
  state(view: TransferView, slot: number, key: string, create: boolean): number {
    const memo = this.states[view.direction === 'out' ? 0 : 1]!
    let row = memo[slot] ?? NOT_LOOKED
    if (row === NOT_LOOKED || (row < 0 && create)) {
      row = create ? this.tables[slot]!.obtain(key) : this.tables[slot]!.find(key)
      memo[slot] = row
    }
    return row
  }

  /** the table of namespace `slot` */
  table(slot: number): EntityTable {
    return this.tables[slot]!
  }

  /** frees the windows gone idle by `now` and drops entities left with none; cheap but once a day of event time */
  expire(now: number): void {
    if (now < this.nextExpiry) return
    this.nextExpiry = (Math.floor(now / DAY_MS) + 1) * DAY_MS
    for (const t of this.tables) t.expire(now)
  }

  /** the tables as plain data, in namespace slot order */
  snapshot(): EntityTableSnapshot[] {
    return this.tables.map((t) => t.snapshot())
  }

  /** takes over a snapshot's tables: the index must be empty, set up by the same rules */
  restore(s: readonly EntityTableSnapshot[]): void {
    if (s.length !== this.tables.length) throw new Error(`a snapshot of ${s.length} entity tables, not ${this.tables.length}`)
    s.forEach((t, i) => this.tables[i]!.restore(t))
  }

  /** windows held, across namespaces and rules */
  windows(): number {
    let n = 0
    for (const t of this.tables) n += t.windows()
    return n
  }
}
