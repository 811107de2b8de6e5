import { describe, expect, it } from 'vitest'
import { fanCount, longestChain, scatterGather } from '../../src/core/state/graph-walks.ts'
import { TransferGraph, type CycleSearch } from '../../src/core/state/graph.ts'

const BASE: CycleSearch = { maxHops: 6, minHops: 2, maxVisits: 1000, minKept: 0 }
const BOTH = { inbound: true, maxEdges: Number.POSITIVE_INFINITY }

describe('cycle search with amount conservation and time order', () => {
  it('accepts a cycle that loses a few percent per hop and refuses one that grows or loses too much', () => {
    const ring = (amounts: number[]) => {
      const g = new TransferGraph(100, 0)
      g.add('X', 'B', 1, amounts[0]!, 't1')
      g.add('B', 'A', 2, amounts[1]!, 't2')
      g.add('A', 'X', 3, amounts[2]!, 't3')
      return g.findCycle('A', 'X', 3, amounts[2]!, { ...BASE, maxLoss: 0.05 })
    }
    expect(ring([1000, 970, 940])?.hops).toBe(3)
    expect(ring([1000, 1100, 1050])).toBeUndefined()
    expect(ring([1000, 800, 790])).toBeUndefined()
  })

  it('unordered: hops in any order inside the window, the amount band checked both ways', () => {
    const g = new TransferGraph(100, 0)
    g.add('B', 'A', 1, 500, 't2')
    g.add('X', 'B', 2, 500, 't1')
    g.add('A', 'X', 3, 500, 't3')
    expect(g.findCycle('A', 'X', 3, 500, { ...BASE, maxLoss: 0.02 })).toBeUndefined()
    expect(g.findCycle('A', 'X', 3, 500, { ...BASE, maxLoss: 0.02, ordered: false })?.transfers).toEqual(['t1', 't2'])
    // an unrelated amount on one hop breaks it
    const h = new TransferGraph(100, 0)
    h.add('B', 'A', 1, 500, 't2')
    h.add('X', 'B', 2, 180, 't1')
    h.add('A', 'X', 3, 500, 't3')
    expect(h.findCycle('A', 'X', 3, 500, { ...BASE, maxLoss: 0.02, ordered: false })).toBeUndefined()
  })

  it('max gap: each hop within the gap of the previous one', () => {
    const g = new TransferGraph(100, 0)
    g.add('X', 'B', 1, 500, 't1')
    g.add('B', 'A', 40, 500, 't2')
    g.add('A', 'X', 41, 500, 't3')
    expect(g.findCycle('A', 'X', 41, 500, { ...BASE, maxGapMs: 10 })).toBeUndefined()
    expect(g.findCycle('A', 'X', 41, 500, { ...BASE, maxGapMs: 50 })?.hops).toBe(3)
  })

  it('keeps at most max edges per party each way', () => {
    const g = new TransferGraph(1000, 0, { inbound: true, maxEdges: 4 })
    for (let i = 0; i < 10; i++) g.add(`P${i}`, 'H', i + 1, 100, `t${i}`)
    expect(g.inCount(g.get('H')!)).toBe(4)
    expect(fanCount(g, g.get('H')!, 'in', 0, 20, 100, undefined, 10).transfers).toEqual(['t6', 't7', 't8', 't9'])
  })
})

describe('graph walks', () => {
  it('fan: distinct payers, and those paying a similar amount', () => {
    const g = new TransferGraph(100, 0, BOTH)
    g.add('P1', 'H', 1, 100, 'a')
    g.add('P1', 'H', 2, 100, 'b')
    g.add('P2', 'H', 3, 103, 'c')
    g.add('P3', 'H', 4, 400, 'd')
    const h = g.get('H')!
    expect(fanCount(g, h, 'in', 0, 4, 100, undefined, 10).parties).toBe(3)
    expect(fanCount(g, h, 'in', 0, 4, 100, 0.05, 10).parties).toBe(2)
    expect(fanCount(g, g.get('P1')!, 'out', 0, 4, 100, 0.05, 10).parties).toBe(1)
    // new since 1.5: P1 paid before that, so only P2 and P3 are new
    expect(fanCount(g, h, 'in', 0, 4, 100, undefined, 10, 1.5).parties).toBe(2)
  })

  it('chain: value passed on hop by hop in time order, within the gap', () => {
    const g = new TransferGraph(100, 0, BOTH)
    g.add('A', 'B', 1, 1000, 'h1')
    g.add('B', 'C', 2, 980, 'h2')
    g.add('Z', 'C', 2, 5000, 'noise')
    g.add('C', 'D', 3, 960, 'h3')
    const search = { maxHops: 6, maxVisits: 100, maxLoss: 0.05, maxGain: 0, maxGapMs: 5 }
    expect(longestChain(g, g.get('C')!, 0, 3, 960, search)).toEqual({ hops: 3, transfers: ['h1', 'h2'] })
    // a payment made before the money arrived passes nothing on
    expect(longestChain(g, g.get('B')!, 0, 0.5, 980, search).hops).toBe(1)
    expect(longestChain(g, g.get('C')!, 0, 3, 960, { ...search, maxGapMs: 0.5 }).hops).toBe(1)
  })

  it('scatter-gather: intermediates of one origin paying one receiver on', () => {
    const g = new TransferGraph(100, 0, BOTH)
    for (const m of ['M1', 'M2', 'M3']) g.add('O', m, 1, 1000, `s-${m}`)
    g.add('Q', 'M4', 1, 1000, 's-M4')
    for (const [i, m] of ['M1', 'M2', 'M3', 'M4'].entries()) g.add(m, 'R', 5 + i, 950, `g-${m}`)
    const found = scatterGather(g, g.get('R')!, 0, 8, { maxVisits: 100, maxLoss: 0.1, maxGain: 0, ordered: true }, 20)
    expect(found.parties).toBe(3)
    expect(found.transfers).toContain('g-M1')
    expect(found.transfers).not.toContain('g-M4')
  })
})

describe('cycle search with a running sum (conservation in time order, not ring order)', () => {
  const RUNNING: CycleSearch = { ...BASE, maxLoss: 0.12, ordered: false, timeOrderedAmounts: true, maxSpread: 2, slackMs: 0 }

  it('a sum paid on hop after hop, less a tenth each time, wherever the hop stands on the ring', () => {
    const g = new TransferGraph(100, 0)
    // ring X -> B -> C -> A -> X; hops made in the order B->C, X->B, A->X (closing), C->A: ring neighbours
    // X->B (900) and B->C (1000) are close, but C->A (729) and A->X (810) are each 10% below the hop before in time
    g.add('B', 'C', 1, 1000, 'bc')
    g.add('X', 'B', 2, 900, 'xb')
    g.add('A', 'X', 3, 810, 'ax')
    g.add('C', 'A', 4, 729, 'ca')
    expect(g.findCycle('C', 'A', 4, 729, RUNNING)?.hops).toBe(4)
    // the neighbour rule (ring order) misses it: 1000 next to 729 on the ring
    expect(g.findCycle('C', 'A', 4, 729, { ...BASE, maxLoss: 0.12, ordered: false })).toBeUndefined()
  })

  it('a benign ring: unrelated sums, or a sum that grows as it goes, is no running sum', () => {
    const grows = new TransferGraph(100, 0)
    grows.add('X', 'B', 1, 700, 't1')
    grows.add('B', 'A', 2, 760, 't2')
    grows.add('A', 'X', 3, 800, 't3')
    expect(grows.findCycle('A', 'X', 3, 800, RUNNING)).toBeUndefined()
    const family = new TransferGraph(100, 0)
    // a loan repaid round a family: 500 lent, 200 and 350 back
    family.add('X', 'B', 1, 500, 'f1')
    family.add('B', 'A', 5, 200, 'f2')
    family.add('A', 'X', 9, 350, 'f3')
    expect(family.findCycle('A', 'X', 9, 350, RUNNING)).toBeUndefined()
  })

  it('hops within the slack may be recorded in either order', () => {
    const g = new TransferGraph(100, 0)
    g.add('B', 'A', 1, 900, 't2')
    g.add('X', 'B', 1.5, 1000, 't1')
    g.add('A', 'X', 3, 810, 't3')
    expect(g.findCycle('A', 'X', 3, 810, RUNNING)).toBeUndefined()
    expect(g.findCycle('A', 'X', 3, 810, { ...RUNNING, slackMs: 1 })?.hops).toBe(3)
  })
})
