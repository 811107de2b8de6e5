import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compileRuleset, Screener, TransferRecordSchema, type RuleSource, type TransferRecord } from '../../../src/core/index.ts'

const FIXTURE = join(import.meta.dirname, '../../../fixtures/generated/records.ndjson')

/**
 * From the fixture's first 2,000 transfers (in time order): those of the parties that alert, plus one in
 * eight of the rest, so that a few hundred calls meet verdicts with hits; every mode compared screens the same list.
 */
export function alertingSequence(files: RuleSource[]): TransferRecord[] {
  const all: TransferRecord[] = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .slice(0, 2000)
    .filter(Boolean)
    .map((l) => TransferRecordSchema.parse(JSON.parse(l)))
  const compiled = compileRuleset(files)
  if (!compiled.ok) throw new Error('the shipped pack does not compile')
  const screener = new Screener(compiled.ruleset)
  const parties = new Set<string>()
  for (const r of all) {
    if (screener.screen(r).decision === 'clear') continue
    parties.add(r.sender.id)
    parties.add(r.receiver.id)
  }
  return all.filter((r, i) => parties.has(r.sender.id) || parties.has(r.receiver.id) || i % 8 === 0)
}

/**
 * A ring of `hops` wires among parties named `prefix-0` ..., an hour apart, after the fixture's days: the last
 * closes a cycle of `hops` hops, which the shipped pack's cycle rule sees when every edge is in one state.
 */
export function cycleHops(prefix: string, hops: number, start = '2026-02-25T00:00:00Z'): TransferRecord[] {
  const parties = Array.from({ length: hops }, (_, i) => `${prefix}-${String.fromCharCode(65 + i)}`)
  return parties.map((party, i) => ({
    id: `${prefix}-${i}`,
    timestamp: new Date(Date.parse(start) + i * 3600_000).toISOString(),
    amount: String(9000 - i * 500),
    currency: 'USD',
    channel: 'wire',
    sender: { id: party, type: 'person' },
    receiver: { id: parties[(i + 1) % hops]!, type: 'person' },
  }))
}
