import { describe, expect, it } from 'vitest'
import { EntityTable } from '../../src/core/state/entities.ts'
import { TransferGraph } from '../../src/core/state/graph.ts'
import { PartyNumbers } from '../../src/core/state/party-numbers.ts'
import { WindowPool } from '../../src/core/state/window-pool.ts'
import { WindowSpec, WindowState } from '../../src/core/state/window.ts'

const SEARCH = { maxHops: 6, minHops: 2, maxVisits: 1000, minKept: 0 }

/** an entity table of one rule (a count over 100 ms) keyed by `parties` */
function table(parties: PartyNumbers): { ids: EntityTable; count: (key: string, ts: number) => number } {
  const ids = new EntityTable(parties)
  const spec = new WindowSpec(['count'], 100, 0)
  const windows = new WindowState(spec, new WindowPool(spec))
  ids.addRule(windows)
  // what the rule runner does with a transfer the rule counts for a party seen for the first time
  const count = (key: string, ts: number): number => {
    const row = ids.obtain(key)
    const w = windows.open(ts, `${key}@${ts}`, [1])
    ids.addWindow(row, 0, w.handle)
    ids.opened(row, ts + 100)
    ids.added(row, ts)
    return row
  }
  return { ids, count }
}

describe('PartyNumbers shared by an entity table and transfer graphs', () => {
  it('numbers a party once for every table and graph keyed by it', () => {
    const parties = new PartyNumbers()
    const { ids, count } = table(parties)
    const g = new TransferGraph(100, 0, undefined, parties)
    const h = new TransferGraph(100, 0, { inbound: true, maxEdges: 8 }, parties)
    const a = count('A', 1)
    g.add('A', 'B', 1, 500, 't1')
    h.add('B', 'A', 2, 500, 't2')
    expect(parties.size).toBe(2)
    expect(ids.find('A')).toBe(a)
    expect(ids.find('B')).toBe(-1)
    expect(g.get('A')).toBeDefined()
    expect(h.get('B')).toBeDefined()
  })

  it('keeps a party\'s number while any table or graph still holds it, and gives a freed one to the next new party', () => {
    const parties = new PartyNumbers()
    const { ids, count } = table(parties)
    const g = new TransferGraph(10, 0, undefined, parties)
    count('A', 1)
    g.add('A', 'B', 1, 500, 't1')
    const a = parties.find('A')
    // the table lets A go once its window is idle (the expiry visits of the next day); the graph keeps it
    ids.expire(86_400_000)
    expect(ids.find('A')).toBe(-1)
    expect(parties.find('A')).toBe(a)
    // once the transfer has left the window, neither holds A or B
    g.sweep(100)
    expect(g.nodes).toBe(0)
    expect(parties.find('A')).toBe(-1)
    expect(parties.size).toBe(0)
    const c = count('C', 86_400_000)
    expect(parties.find('C')).toBeLessThanOrEqual(1)
    expect(ids.find('C')).toBe(c)
    // a cycle through parties numbered again is found as before
    g.add('X', 'Y', 101, 500, 'u1')
    g.add('Y', 'X', 102, 500, 'u2')
    expect(g.findCycle('Y', 'X', 102, 500, SEARCH)).toEqual({ hops: 2, transfers: ['u1'] })
  })

  it('finds a key looked up before it had a number with its number, and a freed key without one', () => {
    const parties = new PartyNumbers()
    // looked up (none), then numbered, in every order of two keys, as a record's holders ask for its two parties
    expect(parties.find('A')).toBe(-1)
    expect(parties.find('B')).toBe(-1)
    const b = parties.number('B')
    expect(parties.find('A')).toBe(-1)
    const a = parties.number('A')
    parties.hold(a)
    parties.hold(b)
    expect([parties.find('A'), parties.find('B'), parties.find('A')]).toEqual([a, b, a])
    parties.letGo(a)
    expect(parties.find('A')).toBe(-1)
    expect(parties.find('B')).toBe(b)
    expect(parties.size).toBe(1)
  })
})
