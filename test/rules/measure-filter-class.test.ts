import { describe, expect, it } from 'vitest'
import { CHANNELS, PARTY_TYPES, type TransferRecord } from '../../src/core/index.ts'
import { NEVER } from '../../src/core/rules/class-conditions.ts'
import type { Conditions } from '../../src/core/rules/condition-schema.ts'
import { compileConditions, type ConditionScope } from '../../src/core/rules/conditions.ts'
import { compileField, FIELD_HELP } from '../../src/core/rules/fields.ts'
import { measureFilter, measureFilterByClass } from '../../src/core/rules/measures/windowed.ts'
import { viewsOf, type TransferView } from '../../src/core/screen/view.ts'
import { transfer } from '../core/helpers.ts'

// a measure's own `where` (dormant-reactivation's, cash-in-wire-out's and mixed any/all/not) decided by class where
// the class's fields decide it, and equal to the conditions compiled whole on every transfer
const FILTERS: Conditions[] = [
  [{ direction: { eq: 'in' } }, { amount: { gte: 100 } }],
  [
    { direction: { eq: 'out' } },
    { 'counterparty.type': { not_in: ['business', 'msb'] } },
    { 'counterparty.id': { ne_field: 'party.id' } },
    { not: { 'counterparty.surname': { eq_field: 'party.surname' } } },
  ],
  [{ direction: { eq: 'in' } }, { channel: { eq: 'cash' } }],
  { any: [{ channel: { eq: 'crypto' } }, { amount: { gte: 5000 } }] },
  { not: { all: [{ channel: { eq: 'wire' } }, { 'party.type': { eq: 'person' } }] } },
  { not: { all: [{ channel: { eq: 'wire' } }, { amount: { gte: 10 } }] } },
  { 'party.type': { eq_field: 'counterparty.type' }, 'counterparty.type': { ne: 'msb' } },
  [{ 'counterparty.country': { in: ['GB', 'FR'] } }, { 'sender.type': { in: ['person'] } }],
]

const scope: ConditionScope<TransferView> = { resolve: compileField, unknownNameHelp: FIELD_HELP, lists: new Map(), report: () => {} }
const ctx = { at: ['measures', 'm'], fields: scope, report: () => {} }

/** every class of transfer: each channel and none, each pair of party types and none; small and large amounts, same and different ids and surnames */
function everyClass(): TransferRecord[] {
  const records: TransferRecord[] = []
  for (const channel of [...CHANNELS, undefined]) {
    for (const s of [...PARTY_TYPES, undefined]) {
      for (const r of [...PARTY_TYPES, undefined]) {
        for (const amount of [50, 9000]) {
          for (const [rid, rname, country] of [['B', 'Bo Smith', 'GB'], ['A', 'Al Jones', 'DE']] as const) {
            records.push(transfer(records.length, 'A', rid, amount, {
              ...(channel && { channel }),
              sender: { id: 'A', name: 'Al Jones', country: 'FR', ...(s && { type: s }) },
              receiver: { id: rid, name: rname, country, ...(r && { type: r }) },
            }))
          }
        }
      }
    }
  }
  return records
}

describe("a window measure's own filter by class of transfer", () => {
  it('equals the conditions compiled whole on every class and side', () => {
    let checked = 0
    for (const where of FILTERS) {
      const byClass = measureFilter({ where }, ctx)
      const whole = compileConditions(where, ['where'], scope)
      for (const record of everyClass()) {
        const views = viewsOf({ record, ts: Date.parse(record.timestamp), amountMinor: record.amount * 100 })
        for (const view of [views.out, views.in]) {
          expect(byClass(view), `${JSON.stringify(where)} on ${record.id} ${view.direction}`).toBe(whole(view))
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(1000)
  })

  it('is NEVER for the classes whose fields rule it out, without a test left to call', () => {
    const inOnly = measureFilterByClass({ where: FILTERS[0] }, ctx)
    const record = everyClass()[0]!
    const views = viewsOf({ record, ts: Date.parse(record.timestamp), amountMinor: 5000 })
    expect(inOnly?.at(views.out.guardClass)).toBe(NEVER)
    expect(inOnly?.at(views.in.guardClass)).not.toBe(NEVER)
    expect(measureFilterByClass({}, ctx)).toBeUndefined()
  })
})
