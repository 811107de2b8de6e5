import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  compileRuleset, FormatRegistry, InProcessEngine, inputFormats, PARTY_FIELDS, Screener, screenBytes,
  type CompiledRuleset, type InputFormatSpec, type ScreenOutput,
} from '../../src/core/index.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import { psv } from './psv-format.ts'

const ROOT = join(import.meta.dirname, '../..')
const encode = (text: string) => new TextEncoder().encode(text)

// the test-only format joins the table here, in one line
const formats = new FormatRegistry([...inputFormats.formats, psv])

/** generated records as NDJSON lines, and the same records as PSV */
const ndjsonLines = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').filter(Boolean).slice(0, 3000)
const COLUMNS = [
  'id', 'timestamp', 'amount', 'currency', 'channel', 'reference', 'purpose', 'location.country', 'location.city', 'location.branch',
  'device.id', 'device.ip', ...PARTY_FIELDS.map((f) => `sender.${f}`), ...PARTY_FIELDS.map((f) => `receiver.${f}`),
]
function toPsv(lines: string[]): string {
  const rows = lines.map((l) => {
    const r = JSON.parse(l) as Record<string, unknown>
    return COLUMNS.map((c) => c.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], r) ?? '').join('|')
  })
  return [COLUMNS.join('|'), ...rows].join('\n') + '\n'
}

/** `text` screened through the pipeline in blocks of `blockBytes`: every output, and each slice's line and output counts */
async function screenText(ruleset: CompiledRuleset, text: string, format: InputFormatSpec, blockBytes: number) {
  const bytes = encode(text)
  async function* blocks() {
    for (let i = 0; i < bytes.length; i += blockBytes) yield bytes.slice(i, i + blockBytes)
  }
  const outputs: ScreenOutput[] = []
  const slices: [number, number][] = []
  for await (const slice of screenBytes(blocks(), format, new InProcessEngine(new Screener(ruleset)))) {
    outputs.push(...slice.outputs)
    slices.push([slice.lines.length, slice.outputs.length])
  }
  return { outputs: outputs.map((o) => JSON.stringify(o)), slices }
}

describe('input format table', () => {
  it('picks a format by file name ending, else by the first line, else the first format', () => {
    const name = (f: InputFormatSpec | undefined) => f?.name
    expect(name(formats.detect('in.PSV', undefined))).toBe('psv')
    expect(name(formats.detect('in.csv', encode(ndjsonLines[0]!)))).toBe('csv')
    expect(name(formats.detect('in.jsonl', undefined))).toBe('ndjson')
    expect(name(formats.detect('-', encode(toPsv(ndjsonLines.slice(0, 2)))))).toBe('psv')
    expect(name(formats.detect('records.txt', encode('id,timestamp,amount\nT1,2026-03-01T10:00:00Z,1')))).toBe('csv')
    expect(name(formats.detect('-', encode(`\uFEFF\r\n  \n${ndjsonLines[0]}\n`)))).toBe('ndjson')
    expect(name(formats.detect('-', encode('')))).toBe('ndjson')
    expect(name(formats.detect('-', undefined))).toBe('ndjson')
    // the shipped table does not know the test's format
    expect(name(inputFormats.detect('in.psv', encode('id|timestamp')))).toBe('ndjson')
  })

  it('picks a format by media type, parameters and case aside, and names them for messages', () => {
    expect(formats.forMediaType('Text/CSV; charset=utf-8')?.name).toBe('csv')
    expect(formats.forMediaType('application/jsonl')?.name).toBe('ndjson')
    expect(formats.forMediaType('text/x-psv')?.name).toBe('psv')
    expect(inputFormats.forMediaType('text/x-psv')).toBeUndefined()
    expect(formats.namesText()).toBe('ndjson, pacs008, pain001, csv or psv')
    expect(inputFormats.mediaTypesText()).toBe('application/x-ndjson, application/xml or text/csv')
  })

  it('refuses two formats with the same name; a shared media type or file extension is decided by the input\'s start', () => {
    expect(() => new FormatRegistry([...formats.formats, { ...psv, extensions: [] }])).toThrow(/both claim the name "psv"/)
    const semi = { ...psv, name: 'ssv', sniff: (first: string) => first.includes(';') }
    const shared = new FormatRegistry([...formats.formats, semi])
    expect(shared.forPath('in.psv', encode('id;timestamp'))?.name).toBe('ssv')
    expect(shared.forPath('in.psv', encode('id|timestamp'))?.name).toBe('psv')
    expect(shared.forMediaType('text/x-psv', encode('id;timestamp'))?.name).toBe('ssv')
    expect(shared.mediaTypeNeedsHead('text/x-psv')).toBe(true)
    expect(shared.mediaTypeNeedsHead('text/csv')).toBe(false)
  })
})

describe('the screening pipeline', () => {
  let ruleset: CompiledRuleset
  beforeAll(async () => {
    const compiled = compileRuleset(await readRuleSources())
    if (!compiled.ok) throw new Error('the shipped pack does not compile')
    ruleset = compiled.ruleset
  })

  it('screens the test-only format like NDJSON: the same outputs, in input order, however the bytes are cut', async () => {
    const ndjson = await screenText(ruleset, ndjsonLines.join('\n'), inputFormats.named('ndjson')!, 65_536)
    expect(ndjson.outputs).toHaveLength(ndjsonLines.length)
    expect(ndjson.outputs.filter((o) => o.includes('"hits":[{')).length).toBeGreaterThan(5)
    for (const blockBytes of [997, 65_536]) {
      const piped = await screenText(ruleset, toPsv(ndjsonLines), formats.detect('records.psv', undefined), blockBytes)
      expect(piped.outputs).toEqual(ndjson.outputs)
      // one output per decoded line in every slice, and no slice beyond the decoder's size
      expect(piped.slices.every(([lines, outputs]) => lines === outputs && lines > 0 && lines <= 128)).toBe(true)
    }
  })

  it("keeps a bad line's place with its error line", async () => {
    const text = toPsv(ndjsonLines.slice(0, 3)).replace(/\n([^\n]*)\n$/, '\nnot|enough\n$1\n')
    const { outputs } = await screenText(ruleset, text, psv, 64)
    expect(outputs.map((o) => JSON.parse(o) as { id?: string; line?: number })).toMatchObject([
      { id: 't000000001' }, { id: 't000000002' }, { line: 4, error: { code: 'invalid_record' } }, { id: 't000000003' },
    ])
  })
})
