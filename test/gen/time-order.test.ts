import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generate } from '../../src/gen/generate.ts'
import { instances, readOutput } from './read-output.ts'

// Session robust29 (issue 17): cash wired on is wired after it was paid in. The generator used to draw the wires of
// a cash_in_wire_out instance from the first deposit's day, so a wire could leave before the cash it passes on came in.
describe('cash_in_wire_out in time order', () => {
  it('every wire of an instance leaves after its last cash deposit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txgen-order-'))
    await generate({ seed: 31, records: 12_000, illicitShare: 0.08, outDir: dir, start: '2026-01-01' })
    const { records, labels } = readOutput(dir)
    const planted = [...instances(records, labels).values()].filter((i) => i.typology === 'cash_in_wire_out')
    expect(planted.length).toBeGreaterThan(3)
    for (const inst of planted) {
      const at = (r: any) => Date.parse(r.timestamp)
      const lastCash = Math.max(...inst.records.filter((r: any) => r.channel === 'cash').map(at))
      for (const r of inst.records.filter((r: any) => r.channel !== 'cash')) expect(at(r)).toBeGreaterThan(lastCash)
    }
  }, 60_000)
})
