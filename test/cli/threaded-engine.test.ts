import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startWorkers, ThreadedEngine } from '../../src/batch/threaded-engine.ts'
import { compileRuleset, InProcessEngine, Screener, screenBytes, type InputFormatSpec, type ScreeningEngine } from '../../src/core/index.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import { psv } from '../core/psv-format.ts'

const ROOT = join(import.meta.dirname, '../..')

/** every output of `text` in `format`, screened through the pipeline, and the engine's cases */
async function screen(text: string, format: InputFormatSpec, engine: ScreeningEngine) {
  const bytes = new TextEncoder().encode(text)
  async function* blocks() {
    for (let i = 0; i < bytes.length; i += 65_536) yield bytes.slice(i, i + 65_536)
  }
  let out = ''
  for await (const { outputs } of screenBytes(blocks(), format, engine)) for (const o of outputs) out += JSON.stringify(o) + '\n'
  return { out, cases: JSON.stringify(engine.cases()) }
}

describe('the threaded engine', () => {
  it('screens any input format through the one pipeline, byte-identical to the in-process engine', async () => {
    const sources = await readRuleSources()
    const compiled = compileRuleset(sources)
    if (!compiled.ok) throw new Error('the shipped pack does not compile')
    const ruleset = compiled.ruleset
    const lines = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').filter(Boolean).slice(0, 6000)
    const columns = ['id', 'timestamp', 'amount', 'currency', 'channel', 'sender.id', 'sender.name', 'sender.type', 'sender.country', 'sender.phone', 'receiver.id', 'receiver.name', 'receiver.type', 'receiver.country']
    const pick = (r: Record<string, unknown>, path: string) => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], r) ?? ''
    const text = [columns.join('|'), ...lines.map((l) => columns.map((c) => pick(JSON.parse(l), c)).join('|'))].join('\n')

    const one = await screen(text, psv, new InProcessEngine(new Screener(ruleset, { cases: true })))
    const two = await screen(text, psv, new ThreadedEngine({ ruleset, cases: true, workers: startWorkers(1, { sources }) }))
    expect(one.out.split('\n').filter((l) => l.includes('"hits":[{')).length).toBeGreaterThan(5)
    expect(two.out).toBe(one.out)
    expect(two.cases).toBe(one.cases)
  }, 120_000)
})
