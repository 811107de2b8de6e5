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
})
