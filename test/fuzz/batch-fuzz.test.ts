import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { compileRuleset, InProcessEngine, inputFormats, Screener, screenBytes, type CompiledRuleset, type ScreenOutput } from '../../src/core/index.ts'
import { exportsOf } from '../../src/core/export/exports.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import { CLEAN_LINES, csvText, CSV_RECORD, NDJSON_LINE, ndjsonText, ROOT, samples, withBrokenUtf8 } from './inputs.ts'

/**
 * Issue 18 fuzz suite, batch side: more than 100,000 generated and mutated NDJSON and CSV lines through the batch
 * pipeline `txscreen batch` runs (and one real CLI run): no crash, one output per record in order, and the process
 * screens a clean file afterwards exactly as a fresh process does.
 */

const run = promisify(execFile)
const CLI = join(ROOT, 'bin/txscreen.js')

async function shippedRules(): Promise<CompiledRuleset> {
  const result = compileRuleset(await readRuleSources())
  if (!result.ok) throw new Error('the shipped pack does not compile')
  return result.ruleset
}

/** the line each output stands for, in output order, and the outputs */
async function screen(ruleset: CompiledRuleset, format: 'ndjson' | 'csv', text: string | Uint8Array, chunk = 64 * 1024): Promise<{ lines: number[]; outputs: ScreenOutput[] }> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text
  async function* blocks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk)
  }
  const lines: number[] = []
  const outputs: ScreenOutput[] = []
  for await (const slice of screenBytes(blocks(), inputFormats.named(format)!, new InProcessEngine(new Screener(ruleset)))) {
    expect(slice.outputs).toHaveLength(slice.lines.length)
    for (const l of slice.lines) lines.push(l.ok ? l.line : l.error.line)
    outputs.push(...slice.outputs)
  }
  return { lines, outputs }
}

const NDJSON_OUT = exportsOf('outputs').find((e) => e.name === 'ndjson')!

// generous: the suite shares two cores with the rest of `npm test`
const SLOW = { timeout: 240_000 }

describe('batch fuzz: 100,002 NDJSON and CSV records, then a clean file', () => {
  let ruleset: CompiledRuleset

  it('NDJSON: 80,002 generated and mutated lines, broken UTF-8 in every 20th, one output per record, in order', SLOW, async () => {
    ruleset = await shippedRules()
    for (let part = 0; part < 8; part++) {
      const generated = samples(NDJSON_LINE, 10_000, 1800 + part)
      // two lines past the 1 MiB line limit: each one error line, and the next line is read as usual
      if (part === 0) generated.splice(5_000, 0, `{"id":"${'z'.repeat(1_100_000)}"}`, `{"id":"a","reference":"${'z'.repeat(1_100_000)}"}`)
      const { text } = ndjsonText(generated)
      // broken UTF-8 bytes in every 20th line: read as U+FFFD, so a blank line with them becomes a record
      const { bytes, starts } = withBrokenUtf8(text)
      const { lines, outputs } = await screen(ruleset, 'ndjson', bytes, 1000 + part * 7919)
      expect(lines).toEqual(starts)
      expect(outputs).toHaveLength(starts.length)
      // every output serialises to JSON that reads back, with no text a store refuses
      const json = NDJSON_OUT.encode(outputs)
      expect(json.split('\n').filter(Boolean)).toHaveLength(starts.length)
      expect(json).not.toMatch(/\\u0000/)
    }
  })

  it('CSV: 20,000 generated records with quotes, commas and line breaks in fields, one output per record, in order', SLOW, async () => {
    for (let part = 0; part < 2; part++) {
      const { text, starts } = csvText(samples(CSV_RECORD, 10_000, 1900 + part))
      const { lines, outputs } = await screen(ruleset, 'csv', text, 4093)
      expect(lines).toEqual(starts)
      expect(outputs).toHaveLength(starts.length)
    }
  })

  it('CSV with raw text edits (open quotes across lines): outputs in line order, none twice', async () => {
    const { text } = csvText(samples(CSV_RECORD, 3_000, 1950))
    const physical = text.split('\n')
    // an open quote now and then, and CR or quotes dropped in at random
    const edited = physical.map((l, i) => (i > 0 && i % 37 === 0 ? `"${l}` : i % 53 === 0 ? l.replace(/"/g, '') : l)).join('\n')
    const { lines, outputs } = await screen(ruleset, 'csv', edited, 1021)
    expect(outputs).toHaveLength(lines.length)
    for (let i = 1; i < lines.length; i++) expect(lines[i]!).toBeGreaterThan(lines[i - 1]!)
  })

  it('afterwards screens a clean file byte for byte as a fresh process does, and the real CLI survives a fuzzed file', SLOW, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txscreen-fuzz-'))
    const clean = join(dir, 'clean.ndjson')
    writeFileSync(clean, CLEAN_LINES.slice(0, 5_000).join('\n') + '\n')
    const here = NDJSON_OUT.encode((await screen(ruleset, 'ndjson', readFileSync(clean, 'utf8'))).outputs)
    const fresh = await run('node', [CLI, 'batch', clean, '--quiet'], { cwd: ROOT, maxBuffer: 256 << 20 })
    expect(here).toBe(fresh.stdout)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()

    const { text, starts } = ndjsonText(samples(NDJSON_LINE, 5_000, 2000))
    const fuzzed = join(dir, 'fuzzed.ndjson')
    writeFileSync(fuzzed, text)
    const cli = await run('node', [CLI, 'batch', fuzzed, '--quiet'], { cwd: ROOT, maxBuffer: 256 << 20 })
    const outs = cli.stdout.trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(outs).toHaveLength(starts.length)
    expect(outs.filter((o) => o.error).map((o) => o.line)).toEqual(starts.filter((_, i) => outs[i].error))
  })
})
