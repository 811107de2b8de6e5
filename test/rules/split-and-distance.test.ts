import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledRuleset } from '../../src/core/index.ts'
import { screenAll, transfer } from '../core/helpers.ts'
import { DAY, HOUR, person, rulesOn, shippedPack } from './support/hand-made.ts'

// Issue 17, session rec28: what makes two cash parts, two depositors or two people on one phone a pattern is read
// in the transfers (the parts together pass the threshold; the cash leaves in another city; the two people live
// apart), not a lower count or a lower band edge.
let pack: CompiledRuleset

beforeAll(async () => {
  pack = await shippedPack()
})

describe('split sums, distant withdrawals, one phone in two cities', () => {
  it('cash-structuring-split: two cash parts over half the threshold that together pass it, even 8 days apart; two that stay under it do not', () => {
    const holder = person('h', 'Jose Pham', 'CA', 'Ottawa')
    const twoParts = (a: string, b: string, gapDays: number) =>
      screenAll(pack, [
        transfer(0, 'h', 'h', a, { currency: 'CAD', channel: 'cash', sender: holder, receiver: holder, location: { country: 'CA', city: 'Ottawa', branch: 'OTT-1' } }),
        transfer(gapDays * DAY, 'h', 'h', b, { currency: 'CAD', channel: 'cash', sender: holder, receiver: holder, location: { country: 'CA', city: 'Ottawa', branch: 'OTT-2' } }),
      ]).verdicts[1]!
    // CAD 7,995 is 0.80 T less a few dollars: under R10's near band, but with CAD 9,568 it is one sum over T
    const split = twoParts('7995.61', '9568.44', 8)
    expect(rulesOn(split)).toContain('cash-structuring-split')
    expect(split.decision).toBe('review')
    // two deposits that together stay under CAD 10,000 are not a split of a reportable sum
    expect(rulesOn(twoParts('4900', '4900', 2))).not.toContain('cash-structuring-split')
    // a part under half the threshold is not one of two halves
    expect(rulesOn(twoParts('3000', '9500', 2))).not.toContain('cash-structuring-split')
  })

  it('funnel-account-far: cash from two people, most of it withdrawn in another city; withdrawn at home it is not', () => {
    const holder = person('fh', 'Chris King', 'US', 'Chicago')
    const funnel = (withdrawnIn: string) =>
      screenAll(pack, [
        transfer(0, 'd1', 'fh', '2400', { channel: 'cash', sender: person('d1', 'Linda Martin', 'US', 'Houston'), receiver: holder, location: { country: 'US', city: 'Chicago', branch: 'CHI-1' } }),
        transfer(1 * DAY, 'd2', 'fh', '5951.51', { channel: 'cash', sender: person('d2', 'Patricia Johnson', 'US', 'Atlanta'), receiver: holder, location: { country: 'US', city: 'Denver', branch: 'DEN-1' } }),
        transfer(2 * DAY, 'd1', 'fh', '3715.39', { channel: 'cash', sender: person('d1', 'Linda Martin', 'US', 'Houston'), receiver: holder, location: { country: 'US', city: 'Chicago', branch: 'CHI-2' } }),
        transfer(7 * DAY, 'fh', 'fh', '11342.88', { channel: 'cash', sender: holder, receiver: holder, purpose: 'cash withdrawal', location: { country: 'US', city: withdrawnIn, branch: 'X-1' } }),
      ]).verdicts[3]!
    const far = funnel('Laredo')
    expect(rulesOn(far)).toContain('funnel-account-far')
    expect(far.decision).toBe('review')
    expect(rulesOn(funnel('Chicago'))).not.toContain('funnel-account-far')
  })

  it('shared-phone-cities: two people with different surnames in two cities on one phone pay people abroad; a couple in one city does not', () => {
    const onePhone = (a: ReturnType<typeof person>, b: ReturnType<typeof person>) =>
      screenAll(pack, [
        transfer(0, a.id, 'tn', '2248.14', { currency: 'EUR', sender: { ...a, phone: '+39327627943' }, receiver: person('tn', 'Khalid Barzani', 'TN', 'Tunis') }),
        transfer(3 * DAY, b.id, 'iq', '772.52', { currency: 'EUR', channel: 'wire', sender: { ...b, phone: '+39 3276 27943' }, receiver: person('iq', 'Ali Talabani', 'IQ', 'Erbil') }),
      ]).verdicts[1]!
    const apart = onePhone(person('a', 'Rupa Malik', 'IT', 'Naples'), person('b', 'Burak Celik', 'IT', 'Turin'))
    expect(rulesOn(apart)).toContain('shared-phone-cities')
    expect(apart.decision).toBe('review')
    expect(rulesOn(onePhone(person('c', 'Giulia Conti', 'IT', 'Naples'), person('d', 'Omar Haddad', 'IT', 'Naples')))).not.toContain('shared-phone-cities')
  })
})
