import { describe, expect, it } from 'vitest'
import { longestChain } from '../../src/core/state/graph-walks.ts'
import { TransferGraph, type CycleSearch } from '../../src/core/state/graph.ts'

const SEARCH: CycleSearch = { maxHops: 6, minHops: 2, maxVisits: 1000, minKept: 0 }

describe('TransferGraph', () => {
  it('finds a time-ordered cycle, with its transfers in order', () => {
    const g = new TransferGraph(100, 0)
    g.add('X', 'B', 1, 500, 't1')
    g.add('B', 'A', 2, 500, 't2')
    g.add('A', 'X', 3, 500, 't3')
    expect(g.findCycle('A', 'X', 3, 500, SEARCH)).toEqual({ hops: 3, transfers: ['t1', 't2'] })
    // the same edges out of time order are no cycle
    const late = new TransferGraph(100, 0)
    late.add('B', 'A', 1, 500, 't2')
    late.add('X', 'B', 2, 500, 't1')
    late.add('A', 'X', 3, 500, 't3')
    expect(late.findCycle('A', 'X', 3, 500, SEARCH)).toBeUndefined()
  })

  it('keeps a party that has only transfers in through a sweep, so a later path through it is found', () => {
    const g = new TransferGraph(10, 0)
    g.add('X', 'B', 1, 500, 't1')
    g.sweep(5) // B has no transfers out yet, but X's transfer still points at it
    g.add('B', 'A', 6, 500, 't2')
    g.add('A', 'X', 7, 500, 't3')
    expect(g.findCycle('A', 'X', 7, 500, SEARCH)?.transfers).toEqual(['t1', 't2'])
    // once every transfer has left the window, every party goes
    g.sweep(100)
    expect(g.nodes).toBe(0)
  })

  it('gives a dropped party\'s node to no other party while a transfer in still names it as the payer', () => {
    const g = new TransferGraph(10, 0, { inbound: true, maxEdges: Number.POSITIVE_INFINITY })
    g.add('Y', 'W', 9, 100, 'y')
    g.add('C', 'A', 10, 100, 'c')
    // a late transfer: A's transfers in are in arrival order, so it stays behind C's while that one is kept
    g.add('B', 'A', 5, 100, 'b')
    g.sweep(17) // B's transfer out has left the window: B is dropped, but A's transfer in still names its node
    expect(g.get('B')).toBeUndefined()
    // a new party paid (late) by Y: were it given B's old node, the chain into A would run on through it to Y
    g.add('Y', 'Q', 4, 100, 'late')
    const search = { maxHops: 6, maxVisits: 100, maxLoss: 0.1, maxGain: 0.1, maxGapMs: 10 }
    expect(longestChain(g, g.get('A')!, 0, 12, 100, search)).toEqual({ hops: 2, transfers: ['b'] })
  })

  it('searches again after a search that found a cycle or ran out of budget', () => {
    const g = new TransferGraph(100, 0)
    g.add('X', 'B', 1, 500, 't1')
    g.add('B', 'A', 2, 500, 't2')
    g.add('A', 'X', 3, 500, 't3')
    expect(g.findCycle('A', 'X', 3, 500, { ...SEARCH, maxVisits: 1 })).toBeUndefined()
    expect(g.findCycle('A', 'X', 3, 500, SEARCH)?.hops).toBe(3)
    expect(g.findCycle('A', 'X', 3, 500, SEARCH)?.hops).toBe(3)
  })
})
