import {
  compileRuleset,
  Screener,
  type CompiledRuleset,
  type CompileOptions,
  type TransferRecordInput,
  TransferRecordSchema,
  type TransferRecord,
} from '../../src/core/index.ts'

/** A ruleset file with the given rules switched on, and the rule files themselves, as YAML sources. */
export function rulesetOf(rules: Record<string, string>, extra = '', opts: CompileOptions = {}): CompiledRuleset {
  const ids = Object.keys(rules)
  const ruleset = `kind: ruleset
name: test
version: 1
base_currency: USD
rates: { EUR: "1.10", USDT: "1" }
thresholds: { review: 40, block: 80 }
lateness: 1h
lists:
  lexicon: [boat, crossing, "small boat", "🚤"]
  transit: [TR, GR, FR]
${extra}
rules:
${ids.map((id) => `  ${id}: { weight: 1 }`).join('\n')}
`
  const result = compileRuleset([{ path: 'ruleset.yaml', text: ruleset }, ...ids.map((id) => ({ path: `${id}.yaml`, text: rules[id]! }))], opts)
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`).join('\n'))
  return result.ruleset
}

let seq = 0
const BASE = Date.parse('2026-03-01T00:00:00Z')

/** A valid transfer `minutes` after a fixed start, with sensible defaults. */
export function transfer(
  minutes: number,
  from: string,
  to: string,
  amount: string | number,
  more: Partial<TransferRecordInput> = {},
): TransferRecord {
  return TransferRecordSchema.parse({
    id: more.id ?? `t${++seq}`,
    timestamp: new Date(BASE + minutes * 60_000).toISOString(),
    amount,
    currency: 'USD',
    channel: 'money_transfer',
    ...more,
    sender: { id: from, ...more.sender },
    receiver: { id: to, ...more.receiver },
  })
}

export function screenAll(ruleset: CompiledRuleset, records: TransferRecord[]) {
  const screener = new Screener(ruleset, { cases: true })
  return { screener, verdicts: records.map((r) => screener.screen(r)) }
}
