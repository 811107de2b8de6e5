import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  caseReportNamed, compileRuleset, InProcessEngine, parseReportingEntity, ReportingEntityError, Screener, screenBytes,
  type Case, type TransferRecord, type TransferRecordInput, type Verdict,
} from '../../src/core/index.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import { validateGoaml } from './xsd-validator.ts'

const ROOT = join(import.meta.dirname, '../..')
const ENTITY_PATH = join(ROOT, 'fixtures/goaml/reporting-entity.yaml')
const entity = parseReportingEntity({ path: ENTITY_PATH, text: readFileSync(ENTITY_PATH, 'utf8') })
const goaml = caseReportNamed('goaml')!
const money = { baseCurrency: 'USD', rates: { EUR: '1.08', GBP: '1.27', USDT: '1' } }

const party = (id: string, institution: string, extra: Partial<TransferRecord['sender']> = {}) => ({
  id, name: `Ann ${id} Smith`, type: 'person' as const, account: `ACC-${id}`, institution, country: 'GB', ...extra,
})
const records: TransferRecordInput[] = [
  // from a client of the reporting bank (UNIBGB22), in euros
  { id: 't1', timestamp: '2026-03-01T10:15:00+01:00', amount: '1000.00', currency: 'EUR', channel: 'wire', sender: party('A', 'UNIBGB22', { dateOfBirth: '1980' }), receiver: party('B', 'HARBDE22', { country: 'DE' }), reference: 'rent <March> & fees' },
  // to a client, at a branch code of its BIC, from a business without an account
  { id: 't2', timestamp: '2026-03-02T09:00:00Z', amount: '9500', currency: 'GBP', channel: 'cash', sender: { id: 'S', name: 'Quick Cash Ltd', type: 'business' }, receiver: party('A', 'UNIBGB22XXX') },
  // neither side is a client, in a currency goAML has no code for
  { id: 't3', timestamp: '2026-03-03T09:00:00Z', amount: '50', currency: 'USDT', sender: party('C', 'NRTHUS22', { country: 'US' }), receiver: party('D', 'MERCTR22', { country: 'TR' }) },
]
const byId = new Map(records.map((r) => [r.id, r as TransferRecord]))
const theCase: Case = {
  id: 'c_00000000000000aa', entity: 'id:A', rules: ['structuring-transfer'], typologies: ['structuring'], alerts: 1, score: 60, maxScore: 60,
  decision: 'review', transfers: ['t2'], evidence: ['t2', 't1', 't3', 't-gone'], firstSeen: '2026-03-02T09:00:00.000Z', lastSeen: '2026-03-02T09:00:00.000Z',
}
const verdict: Verdict = {
  id: 't2', score: 60, decision: 'review', ruleset: 'r@1',
  hits: [
    { rule: 'structuring-transfer', version: 1, typology: 'structuring', score: 60, modifier: false, reason: 'just under the reporting threshold', evidence: { entity: 'id:A', measure: 'sum', value: 9500, transfers: ['t1', 't2', 't3', 't-gone'] } },
    { rule: 'other-rule', version: 1, typology: 'other', score: 10, modifier: true, reason: 'belongs to another case', evidence: { entity: 'id:S', measure: 'n', value: 1, transfers: ['t2'] } },
  ],
}
const report = (c: Case = theCase) => goaml.build({ case: c, records: byId, verdicts: new Map([['t2', verdict]]), entity, money, submittedAt: '2026-04-01T12:00:00Z' })
const elements = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1]!)

describe('goAML report of a case', () => {
  it('is an STR with the entity file header, every evidence transfer in time order, and validates against goAML 5.0.1', () => {
    const xml = report()
    expect(validateGoaml([xml])).toEqual([[]])
    expect(elements(xml, 'report_code')).toEqual(['STR'])
    expect(elements(xml, 'rentity_id')).toEqual(['1001'])
    expect(elements(xml, 'entity_reference')).toEqual(['c_00000000000000aa'])
    expect(elements(xml, 'submission_date')).toEqual(['2026-04-01T12:00:00'])
    expect(elements(xml, 'transactionnumber')).toEqual(['t1', 't2', 't3'])
    expect(elements(xml, 'date_transaction')).toEqual(['2026-03-01T09:15:00', '2026-03-02T09:00:00', '2026-03-03T09:00:00'])
    expect(elements(xml, 'transmode_code')).toEqual(['A', 'B', '-'])
  })

  it('converts each amount to the local currency with the rates, exactly, rounding half-even to the cent', () => {
    const xml = report()
    // 1000 EUR × 1.08 / 1.27 = 850.3937…; 9500 GBP as it is; 50 USDT × 1 / 1.27 = 39.3700…
    expect(elements(xml, 'amount_local')).toEqual(['850.39', '9500.00', '39.37'])
    expect(elements(xml, 'from_foreign_currency')).toEqual(['<foreign_currency_code>EUR</foreign_currency_code><foreign_amount>1000.00</foreign_amount><foreign_exchange_rate>0.8503937008</foreign_exchange_rate>'])
  })

  it("writes the reporting institution's side as my client, recognising its BIC and the BIC's branch codes", () => {
    const [t1, t2, t3] = elements(report(), 'transaction')
    expect(t1).toContain('<t_from_my_client>')
    expect(t1).toContain('<t_to>')
    expect(t1).toContain('<birthdate>1980-01-01T00:00:00</birthdate>')
    expect(t2).toMatch(/<t_from>.*<from_entity><name>Quick Cash Ltd<\/name><\/from_entity>/)
    expect(t2).toContain('<t_to_my_client>')
    expect(t2).toContain('<swift>EXBKGB2L</swift>')
    expect(t3).not.toContain('my_client')
    expect(t3).not.toContain('foreign_currency')
    expect(t1).toContain('rent &lt;March&gt; &amp; fees')
  })

  it("writes the reason from the case and its own hits' reasons, and names evidence whose record is missing", () => {
    const [reason] = elements(report(), 'reason')
    expect(reason).toContain('txscreen case c_00000000000000aa on id:A')
    expect(reason).toContain('t2 (score 60): structuring-transfer: just under the reporting threshold')
    expect(reason).not.toContain('belongs to another case')
    expect(reason).toContain('not available: t-gone')
  })

  it('refuses a case none of whose evidence records is at hand, and an amount without a rate', () => {
    expect(() => report({ ...theCase, evidence: ['t-gone'] })).toThrow(/none of its 1 evidence transfers/)
    expect(() => goaml.build({ case: theCase, records: byId, entity, money: { baseCurrency: 'USD', rates: {} }, submittedAt: '2026-04-01T12:00:00Z' })).toThrow(/no rate for EUR or GBP/)
  })

  it('is checked by a validator that rejects what the schema forbids', () => {
    const broken = report().replace(/<rentity_id>1001<\/rentity_id>/, '')
    const [faults] = validateGoaml([broken])
    expect(faults!.join('\n')).toMatch(/rentity_branch.*not expected|rentity_id/)
  })

  it('reads the entity file strictly, naming file:line:column of a bad value', () => {
    const text = readFileSync(ENTITY_PATH, 'utf8').replace('currency_code_local: GBP', 'currency_code_local: XYZ')
    expect(() => parseReportingEntity({ path: 'entity.yaml', text })).toThrow(ReportingEntityError)
    expect(() => parseReportingEntity({ path: 'entity.yaml', text })).toThrow(/^entity\.yaml:6:\d+: expected a currency code of goAML/)
  })
})

describe('goAML reports of a generated batch', () => {
  it('validate for every case, with clients of the reporting bank on either side', async () => {
    const compiled = compileRuleset(await readRuleSources())
    if (!compiled.ok) throw new Error('the shipped rules do not compile')
    const ruleset = compiled.ruleset
    const text = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').slice(0, 6000).join('\n') + '\n'
    const screener = new Screener(ruleset, { cases: true })
    const verdicts = new Map<string, Verdict>()
    const all = new Map<string, TransferRecord>()
    async function* blocks() {
      yield new TextEncoder().encode(text)
    }
    const { inputFormats } = await import('../../src/core/index.ts')
    for await (const { lines, outputs } of screenBytes(blocks(), inputFormats.named('ndjson')!, new InProcessEngine(screener))) {
      lines.forEach((l) => l.ok && all.set(l.record.id, l.record))
      outputs.forEach((o) => 'decision' in o && o.decision !== 'clear' && verdicts.set(o.id, o))
    }
    const cases = screener.cases()
    expect(cases.length).toBeGreaterThan(20)
    const reports = cases.map((c) => goaml.build({ case: c, records: all, verdicts, entity, money: ruleset, submittedAt: '2026-04-01T12:00:00Z' }))
    const faults = validateGoaml(reports).flat()
    expect(faults).toEqual([])
    expect(reports.some((r) => r.includes('<t_from_my_client>'))).toBe(true)
    expect(reports.some((r) => r.includes('<t_to_my_client>'))).toBe(true)
    expect(reports.some((r) => elements(r, 'transaction').length > 1)).toBe(true)
  })
})
