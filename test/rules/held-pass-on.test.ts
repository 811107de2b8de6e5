import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledRuleset } from '../../src/core/index.ts'
import { rulesetOf, screenAll, transfer } from '../core/helpers.ts'
import { DAY, person, rulesOn, shippedPack } from './support/hand-made.ts'

// held_pass_on (issue 17, session layer29): what a layer account of a stack does, on hand-made records. It
// receives from payers it never pays, holds the money days to weeks, then passes most of it on to payees that
// never paid it. What tells it from a household's turnover is the value conserved, the time order and who pays
// whom, not how long the money stayed.

const rule = (options: string) => `kind: rule
id: pass
version: 1
title: t
typology: t
source: s
entity: party.id
window: 60d
when: { direction: { eq: out } }
measures:
  share: { held_pass_on: { within: 7d${options} } }
score:
  measure: share
  bands: [{ from: 0.5, below: 1.001, score: 50 }]
reason: "{entity} passed on {share} of {paid_in} from {payers} payers"
`

const a = person('a', 'Omar Haddad', 'GB', 'Leeds')
const b = person('b', 'Anna Kowalska', 'DE', 'Berlin')
const layer = person('L', 'Jan de Vries', 'NL', 'Utrecht')
const x = person('x', 'Marc Dubois', 'FR', 'Lyon')
const y = person('y', 'Ayse Demir', 'TR', 'Izmir')
const ids = (v: { hits: { evidence: { transfers?: string[] } }[] }) => v.hits[0]?.evidence.transfers

describe('held_pass_on', () => {
  it('gives the share a run of payments out passed on of what two payers paid in before it, weeks earlier', () => {
    const rs = rulesetOf({ pass: rule('') })
    const { verdicts } = screenAll(rs, [
      transfer(0, 'a', 'L', 9000, { id: 'in1', sender: a, receiver: layer }),
      transfer(DAY, 'b', 'L', 6000, { id: 'in2', sender: b, receiver: layer }),
      transfer(35 * DAY, 'L', 'x', 7000, { id: 'out1', sender: layer, receiver: x }),
      transfer(38 * DAY, 'L', 'y', 5000, { id: 'out2', sender: layer, receiver: y }),
    ])
    expect(verdicts[2]!.decision).toBe('clear')
    expect(verdicts[3]!.decision).toBe('review')
    expect(verdicts[3]!.hits[0]!.reason).toBe('L passed on 0.80 of 15000 from 2 payers')
    expect(ids(verdicts[3]!)).toEqual(['in1', 'in2', 'out1', 'out2'])
  })

  it('does not count a payment to someone who paid the account, nor money that came in after the run began', () => {
    const rs = rulesetOf({ pass: rule('') })
    const { verdicts } = screenAll(rs, [
      transfer(0, 'a', 'L', 9000, { sender: a, receiver: layer }),
      // a loan repaid to the lender: money going back, not on
      transfer(20 * DAY, 'L', 'a', 8000, { sender: layer, receiver: a }),
      transfer(30 * DAY, 'L', 'x', 1000, { sender: layer, receiver: x }),
      transfer(31 * DAY, 'b', 'L', 6000, { sender: b, receiver: layer }),
      transfer(32 * DAY, 'L', 'y', 5000, { sender: layer, receiver: y }),
    ])
    expect(verdicts.map((v) => v.decision)).toEqual(['clear', 'clear', 'clear', 'clear', 'clear'])
  })

  it('with min_payers, one payer is not enough unless what it paid in reaches large_paid_in', () => {
    const records = () => [
      transfer(0, 'a', 'L', 12000, { sender: a, receiver: layer }),
      transfer(30 * DAY, 'L', 'x', 9000, { sender: layer, receiver: x }),
    ]
    expect(screenAll(rulesetOf({ pass: rule(', min_payers: 2') }), records()).verdicts[1]!.decision).toBe('clear')
    expect(screenAll(rulesetOf({ pass: rule(', min_payers: 2, large_paid_in: 10000') }), records()).verdicts[1]!.decision).toBe('review')
    expect(screenAll(rulesetOf({ pass: rule(', min_payers: 2, large_paid_in: 20000') }), records()).verdicts[1]!.decision).toBe('clear')
  })

  it('with new_payees, a run that pays someone the account paid before in the window (a landlord, a relative) is none', () => {
    const rs = rulesetOf({ pass: rule(', new_payees: true') })
    const { verdicts } = screenAll(rs, [
      transfer(0, 'L', 'x', 2400, { sender: layer, receiver: x }),
      transfer(20 * DAY, 'a', 'L', 1300, { sender: a, receiver: layer }),
      transfer(21 * DAY, 'b', 'L', 1250, { sender: b, receiver: layer }),
      transfer(30 * DAY, 'L', 'x', 2400, { sender: layer, receiver: x }),
    ])
    expect(verdicts[3]!.decision).toBe('clear')
  })

  it('with once_payers, money from a payer that paid in more than once in the window (a salary) is not counted', () => {
    const employer = { id: 'e', name: 'Acme Ltd', type: 'business' as const }
    const records = () => [
      transfer(0, 'e', 'L', 3000, { sender: employer, receiver: layer }),
      transfer(DAY, 'b', 'L', 2000, { sender: b, receiver: layer }),
      transfer(30 * DAY, 'e', 'L', 3000, { sender: employer, receiver: layer }),
      transfer(31 * DAY, 'L', 'x', 4000, { sender: layer, receiver: x }),
    ]
    expect(screenAll(rulesetOf({ pass: rule(', min_payers: 2') }), records()).verdicts[3]!.decision).toBe('review')
    expect(screenAll(rulesetOf({ pass: rule(', min_payers: 2, once_payers: true') }), records()).verdicts[3]!.decision).toBe('clear')
  })

  it('with not_relatives, money from payers who share the account holder\'s surname is family money, not counted', () => {
    const rs = rulesetOf({ pass: rule(', not_relatives: true') })
    const sister = person('s1', 'Eva de Vries', 'NL', 'Delft')
    const brother = person('s2', 'Piet de Vries', 'NL', 'Gouda')
    const { verdicts } = screenAll(rs, [
      transfer(0, 's1', 'L', 3000, { sender: sister, receiver: layer }),
      transfer(DAY, 's2', 'L', 3000, { sender: brother, receiver: layer }),
      transfer(20 * DAY, 'L', 'x', 5000, { sender: layer, receiver: x }),
    ])
    expect(verdicts[2]!.decision).toBe('clear')
  })
})

describe('layered-stack in the shipped pack', () => {
  let pack: CompiledRuleset
  beforeAll(async () => {
    pack = await shippedPack()
  })
  const wire = { channel: 'wire' as const }

  it('a layer account that passes on most of what two payers sent, five weeks later, to two new payees reaches review', () => {
    const { verdicts } = screenAll(pack, [
      transfer(0, 'a', 'L', '18759', { ...wire, sender: a, receiver: layer }),
      transfer(5 * DAY, 'b', 'L', '11278.66', { ...wire, sender: b, receiver: layer }),
      transfer(40 * DAY, 'L', 'x', '10322.97', { ...wire, sender: layer, receiver: x }),
      transfer(42 * DAY, 'L', 'y', '8000', { ...wire, sender: layer, receiver: y }),
    ])
    expect(rulesOn(verdicts[3]!)).toContain('layered-stack')
    expect(verdicts[3]!.decision).toBe('review')
  })

  it('a tenant paying the landlord the flatmates\' shares, month after month, stays clear', () => {
    const landlord = person('ll', 'Peter Green', 'GB', 'London')
    const records = []
    for (let m = 0; m < 3; m++) {
      records.push(transfer(m * 30 * DAY, 'a', 'L', '1100', { ...wire, sender: a, receiver: layer }))
      records.push(transfer(m * 30 * DAY + 60, 'b', 'L', '1050', { ...wire, sender: b, receiver: layer }))
      records.push(transfer(m * 30 * DAY + 2 * DAY, 'L', 'll', '3150', { ...wire, sender: layer, receiver: landlord }))
    }
    const { verdicts } = screenAll(pack, records)
    expect(rulesOn(verdicts[5]!)).not.toContain('layered-stack')
    expect(rulesOn(verdicts[8]!)).not.toContain('layered-stack')
  })

  it('siblings pooling money with one of them, who pays a relative, stay clear', () => {
    const sister = person('s1', 'Eva de Vries', 'NL', 'Delft')
    const brother = person('s2', 'Piet de Vries', 'NL', 'Gouda')
    const mother = person('m', 'Maria Jansen', 'NL', 'Zwolle')
    const { verdicts } = screenAll(pack, [
      transfer(0, 's1', 'L', '1800', { channel: 'ach', sender: sister, receiver: layer }),
      transfer(DAY, 's2', 'L', '1500', { channel: 'ach', sender: brother, receiver: layer }),
      transfer(20 * DAY, 'L', 'm', '3000', { channel: 'ach', sender: layer, receiver: mother }),
    ])
    expect(rulesOn(verdicts[2]!)).not.toContain('layered-stack')
  })
})
