import { describe, expect, it } from 'vitest'
import { TransferGraph } from '../../src/core/state/graph.ts'
import { offHabitFan, type OffHabitSearch } from '../../src/core/state/off-habit-fan.ts'

const BOTH = { inbound: true, maxEdges: Number.POSITIVE_INFINITY }
// look-back (0, 50], burst (50, 60]
const SEARCH: Omit<OffHabitSearch, 'direction' | 'amount'> = {
  windowStart: 0,
  burstStart: 50,
  ts: 60,
  tolerance: 0.4,
  same: 0.05,
  knownOnly: false,
  evidence: 10,
}

describe('off-habit fan', () => {
  it('in: counts payers of the burst whose sum is not one they paid in the look-back', () => {
    const g = new TransferGraph(100, 0, BOTH)
    // P1 pays 100 habitually; P2 paid 300 before; P3 has no history; P4 pays too different a sum
    g.add('P1', 'X', 10, 101, 'h1')
    g.add('P2', 'Y', 20, 300, 'h2')
    g.add('P1', 'H', 52, 100, 'a')
    g.add('P2', 'H', 54, 110, 'b')
    g.add('P3', 'H', 56, 95, 'c')
    g.add('P4', 'H', 58, 400, 'd')
    const h = g.get('H')!
    const found = offHabitFan(g, h, { ...SEARCH, direction: 'in', amount: 100 })
    expect(found.parties).toBe(2)
    expect(found.transfers).toEqual(['b', 'c'])
    // P3 has no look-back: with knownOnly only P2, who broke its habit, counts
    expect(offHabitFan(g, h, { ...SEARCH, direction: 'in', amount: 100, knownOnly: true }).transfers).toEqual(['b'])
  })

  it('out: a burst of alike sums the account never paid before, against its standing sum', () => {
    const g = new TransferGraph(100, 0, BOTH)
    g.add('S', 'A', 10, 250, 'h1')
    g.add('S', 'B', 30, 250, 'h2')
    for (const [i, amount] of [100, 110, 90, 104].entries()) g.add('S', `Q${i}`, 52 + i, amount, `q${i}`)
    const s = g.get('S')!
    expect(offHabitFan(g, s, { ...SEARCH, direction: 'out', amount: 104, knownOnly: true }).parties).toBe(4)
    // the standing sum itself, paid to new payees in the burst, is a habit
    g.add('S', 'R1', 57, 250, 'r1')
    g.add('S', 'R2', 58, 250, 'r2')
    expect(offHabitFan(g, s, { ...SEARCH, direction: 'out', amount: 250, knownOnly: true }).parties).toBe(0)
    // payments before the window are not habits
    expect(offHabitFan(g, s, { ...SEARCH, windowStart: 40, direction: 'out', amount: 250 }).parties).toBe(2)
    expect(offHabitFan(g, s, { ...SEARCH, windowStart: 40, direction: 'out', amount: 250, knownOnly: true }).parties).toBe(0)
  })

  it('habit: all reads a payer\'s habit from its other payments in the burst too', () => {
    const g = new TransferGraph(100, 0, BOTH)
    // P1 has no look-back but pays its usual 100 elsewhere during the burst; P2 pays only the hub
    g.add('P1', 'X', 51, 101, 'x1')
    g.add('P1', 'H', 52, 100, 'a')
    g.add('P2', 'H', 54, 110, 'b')
    const h = g.get('H')!
    expect(offHabitFan(g, h, { ...SEARCH, direction: 'in', amount: 100 }).transfers).toEqual(['a', 'b'])
    expect(offHabitFan(g, h, { ...SEARCH, direction: 'in', amount: 100, habit: 'all' }).transfers).toEqual(['b'])
    // P2's transfer to the hub is not its own habit; paying another sum afterwards makes it known
    expect(offHabitFan(g, h, { ...SEARCH, direction: 'in', amount: 100, habit: 'all', knownOnly: true }).parties).toBe(0)
    g.add('P2', 'Y', 55, 300, 'y2')
    expect(offHabitFan(g, h, { ...SEARCH, direction: 'in', amount: 100, habit: 'all', knownOnly: true }).transfers).toEqual(['b'])
  })

  it('selfId: counts the fan only when this transfer is one of it, not the account\'s usual payment beside it', () => {
    const g = new TransferGraph(100, 0, BOTH)
    g.add('S', 'A', 10, 150, 'h1')
    for (const [i, amount] of [100, 110, 90, 104].entries()) g.add('S', `Q${i}`, 52 + i, amount, `q${i}`)
    g.add('S', 'B', 57, 150, 'usual')
    const s = g.get('S')!
    const search = { ...SEARCH, direction: 'out' as const, tolerance: 0.5, amount: 150 }
    // the usual 150 is within 50% of the fan's sums, so without selfId the fan counts for it too
    expect(offHabitFan(g, s, search).parties).toBe(4)
    expect(offHabitFan(g, s, { ...search, selfId: 'usual' }).parties).toBe(0)
    expect(offHabitFan(g, s, { ...search, amount: 104, selfId: 'q3' }).parties).toBe(4)
  })
})
