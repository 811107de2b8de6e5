import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { DIALECTS } from '../service/support/databases.ts'
import { TEST_RULES } from '../service/support/rules.ts'
import { useSeededService, type Seeded } from '../service/support/service.ts'
import { CLEAN_LINES, csvText, CSV_RECORD, NDJSON_LINE, ndjsonText, ROOT, samples } from './inputs.ts'

/**
 * Issue 18 fuzz suite, service side: generated and mutated NDJSON and CSV through `POST /v1/batches` on PGlite and
 * PostgreSQL (one output per record, in order, stored and read back), then a clean batch with the same verdicts as
 * a fresh `txscreen batch` process.
 */

const run = promisify(execFile)
const SLOW = { timeout: 240_000 }

async function uploadAndWait(s: Seeded, body: string, type: string): Promise<{ status: string; outputs: any[] }> {
  const res = await s.svc.request('/v1/batches', { method: 'POST', key: s.keys.screen, body, headers: { 'content-type': type } })
  expect(res.status).toBe(202)
  const { id } = await res.json()
  let batch: any
  for (let i = 0; i < 6000; i++) {
    batch = await (await s.svc.request(`/v1/batches/${id}`, { key: s.keys.screen })).json()
    if (batch.status === 'completed' || batch.status === 'failed') break
    await new Promise((r) => setTimeout(r, 25))
  }
  const text = await (await s.svc.request(`/v1/batches/${id}/verdicts`, { key: s.keys.screen })).text()
  return { status: batch.status, outputs: text.split('\n').filter(Boolean).map((l) => JSON.parse(l)) }
}

/** for each output, in order: the line an error line names, or the line whose record has the verdict's id */
function matchesLines(outputs: any[], text: string, starts: number[]): boolean[] {
  const physical = text.split('\n')
  const idAt = (line: number) => {
    try {
      return JSON.parse(physical[line - 1]!).id
    } catch {
      return undefined
    }
  }
  return outputs.map((o, i) => (o.error ? o.line === starts[i] : o.id === idAt(starts[i]!)))
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: POST /v1/batches fuzz`, () => {
    const s = useSeededService(dialect)

    it('4,000 generated and mutated NDJSON lines: the batch completes with one output per record, in order', SLOW, async () => {
      const { text, starts } = ndjsonText(samples(NDJSON_LINE, 4_000, 3100 + dialect.length))
      const { status, outputs } = await uploadAndWait(s, text, 'application/x-ndjson')
      expect(status).toBe('completed')
      expect(outputs).toHaveLength(starts.length)
      expect(matchesLines(outputs, text, starts)).toEqual(starts.map(() => true))
    })

    it('2,000 CSV records with quotes across lines: the batch completes with one output per record', SLOW, async () => {
      const { text, starts } = csvText(samples(CSV_RECORD, 2_000, 3200 + dialect.length))
      const { status, outputs } = await uploadAndWait(s, text, 'text/csv')
      expect(status).toBe('completed')
      expect(outputs).toHaveLength(starts.length)
      expect(outputs.filter((o) => o.error).map((o) => o.line)).toEqual(starts.filter((_, i) => outputs[i].error))
    })

    it('then screens a clean batch exactly as a fresh txscreen batch process does', SLOW, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'txscreen-fuzz-svc-'))
      for (const f of TEST_RULES) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true })
        writeFileSync(join(dir, f.path), f.text)
      }
      // ids of their own, so this batch's transfers are new to the service
      const clean = CLEAN_LINES.slice(0, 2_000).map((l) => l.replace(/"id":"t/, `"id":"clean-${dialect}-t`)).join('\n') + '\n'
      writeFileSync(join(dir, 'clean.ndjson'), clean)
      const { status, outputs } = await uploadAndWait(s, clean, 'application/x-ndjson')
      expect(status).toBe('completed')
      const fresh = await run('node', [join(ROOT, 'bin/txscreen.js'), 'batch', join(dir, 'clean.ndjson'), '--rules', join(dir, 'test-rules'), '--quiet'], { cwd: ROOT, maxBuffer: 64 << 20 })
      const cli = fresh.stdout.trimEnd().split('\n').map((l) => JSON.parse(l))
      expect(outputs).toEqual(cli)
      expect(cli.filter((o) => o.decision !== 'clear').length).toBeGreaterThan(0)
    })
  })
}
