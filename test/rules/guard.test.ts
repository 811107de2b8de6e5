import { describe, expect, it } from 'vitest'
import { CHANNELS, compileRuleset, PARTY_TYPES, type TransferRecord } from '../../src/core/index.ts'
import { CLASS_COUNT, classView, transferClasses } from '../../src/core/rules/transfer-class.ts'
import { ALWAYS, NEVER } from '../../src/core/rules/class-conditions.ts'
import { viewsOf } from '../../src/core/screen/view.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import { rulesetOf, transfer } from '../core/helpers.ts'

const rule = (id: string, conditions: string) => `kind: rule
id: ${id}
version: 1
title: t
typology: t
source: t
entity: party.id
window: 1d
${conditions}
measures:
  n: { count: true }
require:
  n: { gte: 1 }
score: { fixed: 10 }
reason: "{n}"
`

// rules whose conditions mix the fields a guard tabulates with others it cannot, under any/all/not and when
const RULES = {
  cash: rule('cash', 'where:\n  channel: { eq: cash }'),
  private: rule('private', 'where:\n  sender.type: { not_in: [business, msb] }\n  amount: { gte: 100 }'),
  out: rule('out', 'where:\n  direction: { eq: out }\n  channel: { in: [wire, crypto] }\nwhen:\n  direction: { eq: out }'),
  // counted on every transfer (no where): nothing to rule out, whatever `when` says
  counted: rule('counted', 'when:\n  channel: { eq: cash }'),
  either: rule('either', 'where:\n  any:\n    - channel: { eq: crypto }\n    - amount: { gte: 5000 }'),
  negated: rule('negated', 'where:\n  not: { all: [{ channel: { eq: wire } }, { party.type: { eq: person } }] }'),
  'not-maybe': rule('not-maybe', 'where:\n  not: { all: [{ channel: { eq: wire } }, { amount: { gte: 10 } }] }'),
  'field-pair': rule('field-pair', 'where:\n  party.type: { eq_field: counterparty.type }\n  counterparty.type: { ne: msb }'),
}

/** every class of transfer: each channel and none, each pair of party types and none, a small and a large amount */
function everyClass(): TransferRecord[] {
  const records: TransferRecord[] = []
  for (const channel of [...CHANNELS, undefined]) {
    for (const s of [...PARTY_TYPES, undefined]) {
      for (const r of [...PARTY_TYPES, undefined]) {
        for (const amount of [50, 9000]) {
          records.push(transfer(records.length, 'A', 'B', amount, { ...(channel && { channel }), sender: { id: 'A', ...(s && { type: s }) }, receiver: { id: 'B', ...(r && { type: r }) } }))
        }
      }
    }
  }
  return records
}

describe('rule guards by class of transfer', () => {
  const ruleset = rulesetOf(RULES)
  const byId = new Map(ruleset.rules.map((r) => [r.id, r]))

  it('rule out only transfers whose conditions are false, on every class and side', () => {
    let ruledOut = 0
    for (const record of everyClass()) {
      const views = viewsOf({ record, ts: 0, amountMinor: Number(record.amount) * 100 })
      for (const r of ruleset.rules) {
        for (const side of ['out', 'in'] as const) {
          const v = views[side]
          if (r.guard === undefined || r.guard[v.guardClass] !== 0) continue
          ruledOut++
          expect(r.where(v) || r.when(v), `${r.id} ruled out ${side} ${record.channel} ${record.sender.type}->${record.receiver.type}`).toBe(false)
        }
      }
    }
    expect(ruledOut).toBeGreaterThan(0)
  })

  it('rule out what the enumerable fields decide, and nothing for conditions they do not', () => {
    const wire = viewsOf({ record: transfer(0, 'A', 'B', 50, { channel: 'wire', sender: { id: 'A', type: 'person' } }), ts: 0, amountMinor: 5000 })
    expect(byId.get('cash')!.guard![wire.out.guardClass]).toBe(0)
    expect(byId.get('out')!.guard![wire.in.guardClass]).toBe(0)
    expect(byId.get('out')!.guard![wire.out.guardClass]).toBe(1)
    expect(byId.get('negated')!.guard![wire.out.guardClass]).toBe(0)
    expect(byId.get('counted')!.guard).toBeUndefined()
    // a crypto transfer may pass `either`, and so may any other (the amount decides): no class is ruled out
    expect(byId.get('either')!.guard).toBeUndefined()
    // "not (wire and an amount)": the amount is unknown to the guard, so a wire transfer may still pass
    expect(byId.get('not-maybe')!.guard).toBeUndefined()
    // eq_field compares with another field: only the `ne: msb` part rules out
    const toMsb = viewsOf({ record: transfer(0, 'A', 'B', 50, { receiver: { id: 'B', type: 'msb' } }), ts: 0, amountMinor: 5000 })
    expect(byId.get('field-pair')!.guard![toMsb.out.guardClass]).toBe(0)
    expect(byId.get('field-pair')!.guard![toMsb.in.guardClass]).toBe(1)
  })
})

describe('conditions by class of transfer', () => {
  it('decode every class back to the same class', () => {
    for (let c = 0; c < CLASS_COUNT; c++) {
      const v = classView(c)
      expect(transferClasses(v.ctx.record)[v.direction]).toBe(c)
    }
  })

  it('give what the whole conditions give, on every class and side, for these rules and the default pack', async () => {
    const compiled = compileRuleset(await readRuleSources())
    if (!compiled.ok) throw new Error('the default pack does not compile')
    const rules = [...rulesetOf(RULES).rules, ...compiled.ruleset.rules]
    // the same ids, and different ones, for conditions comparing the two parties
    const records = [...everyClass(), ...everyClass().map((r) => ({ ...r, receiver: { ...r.receiver, id: 'A', country: 'GR' }, sender: { ...r.sender, country: 'SY' } }))]
    let decided = 0
    const differ: string[] = []
    for (const record of records) {
      const views = viewsOf({ record, ts: Date.parse(record.timestamp), amountMinor: Number(record.amount) * 100 })
      for (const r of rules) {
        for (const side of ['out', 'in'] as const) {
          const v = views[side]
          const where = r.whereByClass.at(v.guardClass)
          const when = r.whenByClass.at(v.guardClass)
          if (where === ALWAYS || where === NEVER) decided++
          if (where(v) !== r.where(v) || when(v) !== r.when(v)) differ.push(`${r.id} ${side} ${record.channel} ${record.sender.type}->${record.receiver.type}`)
        }
      }
    }
    expect(differ).toEqual([])
    // most rules of the pack are decided by the class on most classes: nothing left to call
    expect(decided).toBeGreaterThan(records.length * rules.length)
  })
})
