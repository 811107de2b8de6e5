import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generate } from '../../src/gen/generate.ts'
import { readOutput } from './read-output.ts'

describe('a sparse population (--counterparties)', () => {
  it('draws most everyday transfers between parties that appear once or twice, each the same party every time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txgen-sparse-'))
    await generate({ seed: 12, records: 20_000, counterparties: 40_000, outDir: dir, start: '2026-01-01' })
    const { records, labels } = readOutput(dir)
    expect(records.length).toBe(20_000)
    const seen = new Map<string, { n: number; json: string }>()
    for (const r of records) {
      for (const p of [r.sender, r.receiver]) {
        const json = JSON.stringify(p)
        const s = seen.get(p.id)
        if (s) {
          s.n++
          // a party drawn again is the same party: same account, name and place (savings accounts aside)
          if (s.json !== json) expect(JSON.parse(s.json).name).toBe(p.name)
        } else seen.set(p.id, { n: 1, json })
      }
    }
    const counts = [...seen.values()].map((s) => s.n)
    expect(seen.size).toBeGreaterThan(15_000)
    expect(counts.filter((n) => n <= 2).length / counts.length).toBeGreaterThan(0.8)
    // the planted typologies and the families are still there
    expect(labels.filter((l) => l.illicit).length).toBeGreaterThan(200)
    expect(new Set(labels.map((l) => l.family)).size).toBeGreaterThan(10)
  })

  it('with lean parties (--lean-parties), makes every benign transfer between pool parties of five fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txgen-lean-'))
    await generate({ seed: 12, records: 20_000, counterparties: 40_000, leanParties: true, benignFamilies: 'none', illicitShare: 0, outDir: dir, start: '2026-01-01' })
    const { records } = readOutput(dir)
    expect(records.length).toBe(20_000)
    const ids = new Set<string>()
    let bytes = 0
    for (const r of records) {
      bytes += JSON.stringify(r).length
      for (const p of [r.sender, r.receiver]) {
        expect(Object.keys(p)).toEqual(['id', 'name', 'type', 'account', 'country'])
        ids.add(p.id)
      }
    }
    // about 300-byte records over a population of mostly one-off parties (issue 21's many-parties file)
    expect(bytes / records.length).toBeLessThan(360)
    expect(ids.size).toBeGreaterThan(24_000)
  })
})
