import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BlockDecoder, inputFormats, SLICE_LINES, type InputFormat, type ParsedLine } from '../../src/core/index.ts'

const ROOT = join(import.meta.dirname, '../..')

/** what the pipeline decodes when the input arrives in blocks of `size` bytes, cut anywhere: each block's records */
function decodeInBlocks(format: InputFormat, bytes: Uint8Array, size: number): ParsedLine[][] {
  const d = new BlockDecoder(inputFormats.named(format)!)
  const blocks: ParsedLine[][] = []
  for (let i = 0; i < bytes.length; i += size) blocks.push([...d.slices(bytes.slice(i, i + size))].flat())
  blocks.push([...d.slices(null)].flat())
  return blocks
}

const summary = (p: ParsedLine) => (p.ok ? p.record : p.error)

// The input arrives in blocks cut anywhere: blocks cut inside a line or a character must lose nothing, and
// decode to the same records however the bytes were cut.
describe('BlockDecoder', () => {
  it('decodes NDJSON cut mid-line and mid-character to the same records, in order, with the last line unterminated', () => {
    const lines = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').slice(0, 300)
    const text = `\uFEFF${lines.join('\r\n')}\n{"id":"Zoë","broken"\n${lines[0]}`
    const bytes = new TextEncoder().encode(text)
    const whole = decodeInBlocks('ndjson', bytes, bytes.length).flat()
    expect(whole).toHaveLength(302)
    expect(whole.filter((p) => !p.ok).map((p) => !p.ok && p.error.line)).toEqual([301])
    for (const size of [997, 4096, 65_537]) {
      const blocks = decodeInBlocks('ndjson', bytes, size)
      expect(blocks.flat().map(summary)).toEqual(whole.map(summary))
      // and a second decoder over the same blocks agrees block by block
      expect(decodeInBlocks('ndjson', bytes, size).map((b) => b.length)).toEqual(blocks.map((b) => b.length))
    }
  })

  it('decodes CSV with quoted newlines across blocks, and reports a quote left open at the end', () => {
    const text = [
      'id,timestamp,amount,currency,channel,sender.id,receiver.id,reference',
      'a,2026-03-01T10:15:00Z,100.00,USD,wire,S1,R1,"rent, March"',
      'b,2026-03-01T10:16:00Z,5,USD,cash,S1,R2,"line one',
      'line two"',
      'c,2026-03-01T10:17:00Z,7,USD,wire,S1,R3,"never closed',
    ].join('\n')
    const bytes = new TextEncoder().encode(text)
    const whole = decodeInBlocks('csv', bytes, bytes.length).flat()
    expect(whole.map((p) => (p.ok ? p.record.id : `${p.error.line}:${p.error.error.code}`))).toEqual(['a', 'b', '5:invalid_csv'])
    for (const size of [1, 13, 64]) expect(decodeInBlocks('csv', bytes, size).flat().map(summary)).toEqual(whole.map(summary))
  })

  it('parses a block a slice of lines at a time, with a quoted newline across the slices', () => {
    const header = 'id,timestamp,amount,currency,channel,sender.id,receiver.id,reference'
    // the last line of the first slice (the header is its first) opens a quote that the next line closes
    const rows = Array.from({ length: 300 }, (_, i) => `r${i},2026-03-01T10:15:00Z,1,USD,wire,S1,R1,${i === SLICE_LINES - 2 ? '"one\ntwo"' : 'x'}`)
    const bytes = new TextEncoder().encode([header, ...rows].join('\n'))
    const d = new BlockDecoder(inputFormats.named('csv')!)
    const slices = [...d.slices(bytes), ...d.slices(null)]
    expect(slices.length).toBeGreaterThan(2)
    expect(slices.every((s) => s.length > 0 && s.length <= SLICE_LINES)).toBe(true)
    const records = slices.flat().map((p) => (p.ok ? p.record : p.error))
    expect(records.map((r) => r.id)).toEqual(rows.map((_, i) => `r${i}`))
    expect(records[SLICE_LINES - 2]).toMatchObject({ reference: 'one\ntwo' })
  })
})
