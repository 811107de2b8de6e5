import { describe, expect, it } from 'vitest'
import { TransferGraph } from '../../src/core/state/graph.ts'
import { splitPassOn, type SplitPassOnSearch } from '../../src/core/state/split-pass-on.ts'

// split_pass_on's options for a hub with no look-back (rules/aml-graph/graph-gather-pass-on.yaml): all of what
// payers paid it, sums they do not otherwise pay, passed on in equal parts after the gather was over; beside the
// look-alikes of an ordinary account's first weeks (its one sum paid to payee after payee).
const BOTH = { inbound: true, maxEdges: Number.POSITIVE_INFINITY }
const GATHER: Omit<SplitPassOnSearch, 'amount' | 'ts'> = {
  windowStart: 0, periodStart: 60, tolerance: 0.01, same: 0.05, minKept: 0.85, maxKept: 1,
  knownOnly: false, newPayees: true, maxInflows: 12, evidence: 20,
  inflows: 'all', payersOffHabit: true, minPayers: 2, closed: true,
}

/** a hub with no history gathers 400 + 310 from two payers, then pays 319.5 to two new payees (0.9 of it) */
function gatherScatter() {
  const g = new TransferGraph(100, 0, BOTH)
  g.add('P1', 'H', 62, 400, 'in1')
  g.add('P2', 'H', 65, 310, 'in2')
  g.add('H', 'Q1', 70, 319.5, 'out1')
  g.add('H', 'Q2', 72, 319.5, 'out2')
  return g
}

describe('split pass-on of a whole gather (a gather-scatter hub without a look-back)', () => {
  it('finds two payers\' sums passed on, less a tenth, in equal parts', () => {
    const g = gatherScatter()
    const found = splitPassOn(g, g.get('H')!, { ...GATHER, ts: 72, amount: 319.5 })
    expect(found.parties).toBe(2)
    expect(found.transfers.sort()).toEqual(['in1', 'in2', 'out1', 'out2'])
  })

  it('a payer paying the hub its usual sum is ordinary income, not part of a gather', () => {
    const g = gatherScatter()
    g.add('P2', 'SHOP', 40, 312, 'usual')
    expect(splitPassOn(g, g.get('H')!, { ...GATHER, ts: 72, amount: 319.5 }).parties).toBe(0)
  })

  it('one payer is no gather', () => {
    const g = new TransferGraph(100, 0, BOTH)
    g.add('P1', 'H', 62, 710, 'in1')
    g.add('H', 'Q1', 70, 319.5, 'out1')
    g.add('H', 'Q2', 72, 319.5, 'out2')
    expect(splitPassOn(g, g.get('H')!, { ...GATHER, ts: 72, amount: 319.5 }).parties).toBe(0)
    expect(splitPassOn(g, g.get('H')!, { ...GATHER, ts: 72, amount: 319.5, minPayers: 1 }).parties).toBe(2)
  })

  it('a busy receiver whose parts match only some of its income is not passing on a gather', () => {
    const g = gatherScatter()
    g.add('P3', 'H', 66, 900, 'in3')
    expect(splitPassOn(g, g.get('H')!, { ...GATHER, ts: 72, amount: 319.5 }).parties).toBe(0)
    expect(splitPassOn(g, g.get('H')!, { ...GATHER, ts: 72, amount: 319.5, inflows: 'some' }).parties).toBe(2)
  })

  it('income arriving after the first part: the account is not splitting a finished gather', () => {
    const g = gatherScatter()
    g.add('P3', 'H', 71, 120, 'later')
    expect(splitPassOn(g, g.get('H')!, { ...GATHER, ts: 72, amount: 319.5 }).parties).toBe(0)
    expect(splitPassOn(g, g.get('H')!, { ...GATHER, ts: 72, amount: 319.5, closed: false }).parties).toBe(2)
  })
})
