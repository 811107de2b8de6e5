import { describe, expect, it } from 'vitest'
import { TransferGraph } from '../../src/core/state/graph.ts'
import { sharedPayees, type SharedPayeesSearch } from '../../src/core/state/shared-payees.ts'
import { splitPassOn, type SplitPassOnSearch } from '../../src/core/state/split-pass-on.ts'

// The bipartite-layer and split pass-through shapes on hand-made graphs, each beside the ordinary behaviour that
// looks like it (payroll, suppliers, a family passing money on): the shape is found, the look-alike is not.
const BOTH = { inbound: true, maxEdges: Number.POSITIVE_INFINITY }
const DAY = 1

const LAYER: Omit<SharedPayeesSearch, 'amount' | 'ts'> = {
  burstMs: DAY, windowStart: 0, periodStart: 0, newPayees: false, tolerance: 0.02, minShared: 2, maxVisits: 1000, evidence: 20,
}

describe('shared payees (a bipartite layer)', () => {
  it('two payers each paying the same three payees a sum of their own in one go', () => {
    const g = new TransferGraph(100, 0, BOTH)
    for (const b of ['B1', 'B2', 'B3']) g.add('O1', b, 10, 500, `o1-${b}`)
    for (const b of ['B1', 'B2', 'B3']) g.add('O2', b, 15, 620, `o2-${b}`)
    const found = sharedPayees(g, g.get('O2')!, { ...LAYER, ts: 15, amount: 620 })
    expect(found.parties).toBe(2)
    expect(found.transfers.sort()).toEqual(['o1-B1', 'o1-B2', 'o1-B3', 'o2-B1', 'o2-B2', 'o2-B3'])
  })

  it('a payroll: one employer paying its staff the same wage is one payer, whoever else pays them', () => {
    const g = new TransferGraph(100, 0, BOTH)
    for (let i = 0; i < 6; i++) g.add('EMPLOYER', `E${i}`, 10, 2000, `w${i}`)
    // staff are paid by others too, but each by a different payer, or one payee at a time
    g.add('TAX-REFUND', 'E1', 12, 300, 'r1')
    g.add('FRIEND', 'E2', 12, 50, 'f1')
    g.add('FRIEND', 'E3', 13, 80, 'f2')
    expect(sharedPayees(g, g.get('EMPLOYER')!, { ...LAYER, ts: 10, amount: 2000 }).parties).toBe(1)
  })

  it('suppliers: two shops paying the same wholesaler, each to one payee, share fewer than two payees', () => {
    const g = new TransferGraph(100, 0, BOTH)
    g.add('SHOP1', 'WHOLESALER', 10, 900, 'a')
    g.add('SHOP1', 'ELECTRIC', 10, 900, 'b')
    g.add('SHOP2', 'WHOLESALER', 11, 1400, 'c')
    g.add('SHOP2', 'WATER', 11, 1400, 'd')
    expect(sharedPayees(g, g.get('SHOP2')!, { ...LAYER, ts: 11, amount: 1400 }).parties).toBe(1)
  })

  it('a co-payer whose payments to the shared payees are not one burst does not count', () => {
    const g = new TransferGraph(100, 0, BOTH)
    g.add('O1', 'B1', 10, 500, 'x1')
    g.add('O1', 'B2', 10, 500, 'x2')
    // pays the same two accounts, but days apart and different sums: not one layer payment
    g.add('O2', 'B1', 3, 120, 'y1')
    g.add('O2', 'B2', 8, 700, 'y2')
    expect(sharedPayees(g, g.get('O1')!, { ...LAYER, ts: 10, amount: 500 }).parties).toBe(1)
  })

  it('new payees: a payer paying the payees it paid in the look-back again is no new layer', () => {
    const g = new TransferGraph(100, 0, BOTH)
    for (const day of [10, 40]) {
      g.add('MUM', 'KID1', day, 300, `m1-${day}`)
      g.add('MUM', 'KID2', day, 300, `m2-${day}`)
      g.add('DAD', 'KID1', day, 450, `d1-${day}`)
      g.add('DAD', 'KID2', day, 450, `d2-${day}`)
    }
    const search = { ...LAYER, ts: 40, amount: 450, periodStart: 30 }
    expect(sharedPayees(g, g.get('DAD')!, search).parties).toBe(2)
    expect(sharedPayees(g, g.get('DAD')!, { ...search, newPayees: true }).parties).toBe(1)
  })
})

const SPLIT: Omit<SplitPassOnSearch, 'amount' | 'ts'> = {
  windowStart: 0, periodStart: 60, tolerance: 0.01, same: 0.05, minKept: 0.85, maxKept: 1,
  knownOnly: true, newPayees: true, maxInflows: 12, evidence: 20,
}

describe('split pass-on (a gather-scatter hub, a stack\'s middle layer)', () => {
  it('two payers in, the total less a tenth out in equal parts to new payees', () => {
    const g = new TransferGraph(100, 0, BOTH)
    g.add('H', 'LANDLORD', 20, 700, 'rent')
    g.add('P1', 'H', 62, 400, 'in1')
    g.add('P2', 'H', 65, 310, 'in2')
    g.add('H', 'Q1', 70, 319.5, 'out1')
    g.add('H', 'Q2', 72, 319.5, 'out2')
    const found = splitPassOn(g, g.get('H')!, { ...SPLIT, ts: 72, amount: 319.5 })
    expect(found.parties).toBe(2)
    expect(found.transfers.sort()).toEqual(['in1', 'in2', 'out1', 'out2'])
  })

  it('a family chain: a parent passing on its salary as the allowance it always pays is a habit', () => {
    const g = new TransferGraph(100, 0, BOTH)
    for (const month of [0, 30, 60]) {
      g.add('EMPLOYER', 'PARENT', month + 1, 1000, `sal${month}`)
      g.add('PARENT', 'CHILD1', month + 3, 450, `c1-${month}`)
      g.add('PARENT', 'CHILD2', month + 3, 450, `c2-${month}`)
    }
    expect(splitPassOn(g, g.get('PARENT')!, { ...SPLIT, ts: 63, amount: 450, windowStart: 0, periodStart: 42 }).parties).toBe(0)
  })

  it('a payroll run from a client payment: the wages go to staff it paid before', () => {
    const g = new TransferGraph(100, 0, BOTH)
    g.add('EMPLOYER', 'E1', 30, 1800, 'old1')
    g.add('EMPLOYER', 'E2', 30, 1750, 'old2')
    g.add('CLIENT', 'EMPLOYER', 61, 4000, 'fee')
    g.add('EMPLOYER', 'E1', 62, 1850, 'w1')
    g.add('EMPLOYER', 'E2', 62, 1850, 'w2')
    expect(splitPassOn(g, g.get('EMPLOYER')!, { ...SPLIT, ts: 62, amount: 1850 }).parties).toBe(0)
  })

  it('an account with no payments in the look-back has no habit to break; unequal parts are no split', () => {
    const g = new TransferGraph(100, 0, BOTH)
    g.add('P1', 'NEW', 62, 400, 'in1')
    g.add('NEW', 'Q1', 70, 180, 'out1')
    g.add('NEW', 'Q2', 70, 180, 'out2')
    expect(splitPassOn(g, g.get('NEW')!, { ...SPLIT, ts: 70, amount: 180 }).parties).toBe(0)
    expect(splitPassOn(g, g.get('NEW')!, { ...SPLIT, ts: 70, amount: 180, knownOnly: false }).parties).toBe(2)
    g.add('NEW', 'OLD', 20, 50, 'h')
    g.add('H2', 'X', 1, 1, 'z')
    g.add('P1', 'H2', 62, 400, 'in2')
    g.add('H2', 'OLD', 10, 20, 'habit')
    g.add('H2', 'Q1', 70, 150, 'u1')
    g.add('H2', 'Q2', 70, 200, 'u2')
    expect(splitPassOn(g, g.get('H2')!, { ...SPLIT, ts: 70, amount: 200 }).parties).toBe(0)
  })
})
