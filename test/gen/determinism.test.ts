import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generate } from '../../src/gen/generate.ts'

const files = ['records.ndjson', 'labels.csv', 'indicators.csv']

async function run(seed: number, records = 6000) {
  const dir = mkdtempSync(join(tmpdir(), 'txgen-'))
  await generate({ seed, records, outDir: dir, start: '2026-01-01' })
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f))]))
}

describe('generator determinism', () => {
  it('writes byte-identical files for the same seed and options', async () => {
    const [a, b] = [await run(42), await run(42)]
    for (const f of files) expect(a[f]!.equals(b[f]!), f).toBe(true)
  })

  it('writes different data for a different seed', async () => {
    const [a, b] = [await run(42), await run(43)]
    expect(a['records.ndjson']!.equals(b['records.ndjson']!)).toBe(false)
    expect(a['labels.csv']!.equals(b['labels.csv']!)).toBe(false)
  })

  it('matches the checked-in fixture made with --seed 7 --records 20000', async () => {
    const fixture = join(import.meta.dirname, '../../fixtures/generated')
    const made = await run(7, 20000)
    for (const f of files) expect(made[f]!.equals(readFileSync(join(fixture, f))), f).toBe(true)
  })
})
