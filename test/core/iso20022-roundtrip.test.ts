import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadWatchlists } from '../../src/cli/load-ruleset.ts'
import {
  compileRuleset, InProcessEngine, inputFormats, isLineError, Screener, screenBytes, TransferRecordSchema,
  type CompiledRuleset, type InputFormatSpec, type TransferRecord, type Watchlists,
} from '../../src/core/index.ts'
import { isoDocument, reduceToIsoFields, type IsoMessage } from '../../src/gen/iso20022.ts'
import { readRuleSources } from '../../src/rules-fs.ts'

// A generated NDJSON batch written as pacs.008 and as pain.001 must screen exactly like the same batch reduced to
// the fields the mapping carries: same decisions, scores and hits, record for record.

const ROOT = join(import.meta.dirname, '../..')
const RECORDS = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, 4000)
  .map((l) => TransferRecordSchema.parse(JSON.parse(l)))

async function screen(ruleset: CompiledRuleset, watchlists: Watchlists, text: string, format: InputFormatSpec, blockBytes = 65_536): Promise<unknown[]> {
  const bytes = new TextEncoder().encode(text)
  async function* blocks() {
    for (let i = 0; i < bytes.length; i += blockBytes) yield bytes.slice(i, i + blockBytes)
  }
  const out: unknown[] = []
  for await (const slice of screenBytes(blocks(), format, new InProcessEngine(new Screener(ruleset, { watchlists })))) {
    for (const o of slice.outputs) {
      out.push(isLineError(o) ? { error: o.error } : { id: o.id, decision: o.decision, score: o.score, hits: o.hits })
    }
  }
  return out
}

async function xmlOf(message: IsoMessage, records: TransferRecord[], createdAt?: string): Promise<string> {
  let text = ''
  for await (const piece of isoDocument(message, records, { messageId: 'TXS-TEST-1', ...(createdAt && { createdAt }) })) text += piece
  return text
}

describe('ISO 20022 input screens like the NDJSON it was written from', () => {
  let ruleset: CompiledRuleset
  let watchlists: Watchlists
  beforeAll(async () => {
    const compiled = compileRuleset(await readRuleSources())
    if (!compiled.ok) throw new Error('the shipped pack does not compile')
    ruleset = compiled.ruleset
    watchlists = (await loadWatchlists([`indicators-csv:${join(ROOT, 'fixtures/generated/indicators.csv')}`, `csv:${join(ROOT, 'fixtures/lists/sample-watchlist.csv')}`]))!
  })

  const reduced = (message: IsoMessage, createdAt?: string) =>
    RECORDS.map((r) => JSON.stringify(reduceToIsoFields(r, message, createdAt))).join('\n')

  it('pacs.008: same decisions, scores and hits, whatever the block size', async () => {
    const expected = await screen(ruleset, watchlists, reduced('pacs008'), inputFormats.named('ndjson')!)
    expect(expected).toHaveLength(RECORDS.length)
    expect(expected.filter((o) => 'error' in (o as object))).toEqual([])
    expect(expected.filter((o) => (o as { hits?: unknown[] }).hits?.length).length).toBeGreaterThan(20)
    const xml = await xmlOf('pacs008', RECORDS)
    const format = inputFormats.detect('batch.xml', new TextEncoder().encode(xml.slice(0, 4096)))
    expect(format.name).toBe('pacs008')
    for (const blockBytes of [65_536, 1_009]) expect(await screen(ruleset, watchlists, xml, format, blockBytes)).toEqual(expected)
  })

  it('pain.001: the same, each transaction timed by its payment information (no CreDtTm)', async () => {
    const expected = await screen(ruleset, watchlists, reduced('pain001'), inputFormats.named('ndjson')!)
    const xml = await xmlOf('pain001', RECORDS)
    const format = inputFormats.detect('batch.xml', new TextEncoder().encode(xml.slice(0, 4096)))
    expect(format.name).toBe('pain001')
    expect(await screen(ruleset, watchlists, xml, format)).toEqual(expected)
  })

  it("pain.001 with the group header's CreDtTm: every transaction takes it, as the mapping says", async () => {
    const createdAt = '2026-01-02T00:00:00Z'
    const some = RECORDS.slice(0, 500)
    const expected = await screen(ruleset, watchlists, some.map((r) => JSON.stringify(reduceToIsoFields(r, 'pain001', createdAt))).join('\n'), inputFormats.named('ndjson')!)
    expect(await screen(ruleset, watchlists, await xmlOf('pain001', some, createdAt), inputFormats.named('pain001')!)).toEqual(expected)
  })

  it('screens an ultimate party against the lists', async () => {
    const [first] = RECORDS
    const record = { ...first!, ultimateReceiver: { name: 'Rami Makhlouf', type: 'person' as const } }
    const [out] = (await screen(ruleset, watchlists, await xmlOf('pacs008', [record]), inputFormats.named('pacs008')!)) as { hits: { rule: string; reason: string }[] }[]
    expect(out!.hits.map((h) => h.rule)).toContain('sanctions-name')
    const [plain] = (await screen(ruleset, watchlists, await xmlOf('pacs008', [first!]), inputFormats.named('pacs008')!)) as { hits: { rule: string }[] }[]
    expect(plain!.hits.map((h) => h.rule)).not.toContain('sanctions-name')
  })
})
