import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { parseCsvLine } from '../../src/core/io/csv-line.ts'
import { validateGoaml } from '../export/xsd-validator.ts'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '../..')
const CLI = join(ROOT, 'bin/txscreen.js')

async function txscreen(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run('node', [CLI, ...args], { cwd: ROOT, maxBuffer: 64 << 20 })
    return { code: 0, stderr }
  } catch (err) {
    const e = err as { code: number; stderr: string }
    return { code: e.code, stderr: e.stderr }
  }
}

describe('txscreen report', () => {
  it('writes a valid goAML report per case of a batch, and the cases\' transfers as CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'))
    const records = 'fixtures/generated/records.ndjson'
    const cases = join(dir, 'cases.ndjson')
    const verdicts = join(dir, 'verdicts.ndjson')
    expect((await txscreen(['batch', records, '--threads', '1', '--quiet', '--out', verdicts, '--cases', cases])).code).toBe(0)
    const caseList = readFileSync(cases, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l))

    const out = join(dir, 'goaml')
    const made = await txscreen(['report', 'goaml', '--cases', cases, '--records', records, '--verdicts', verdicts, '--entity', 'fixtures/goaml/reporting-entity.yaml', '--out', out, '--date', '2026-06-01T00:00:00Z'])
    expect(made).toMatchObject({ code: 0 })
    expect(made.stderr).toContain(`${caseList.length} of ${caseList.length} case(s) reported`)
    expect(readdirSync(out).sort()).toEqual(caseList.map((c) => `${c.id}.xml`).sort())
    const reports = readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8'))
    expect(validateGoaml(reports).flat()).toEqual([])

    const csvPath = join(dir, 'transfers.csv')
    expect((await txscreen(['report', 'transfers', '--cases', cases, '--records', records, '--out', csvPath])).code).toBe(0)
    const [header, ...rows] = readFileSync(csvPath, 'utf8').trimEnd().split('\n').map((l) => parseCsvLine(l)!)
    expect(header!.slice(0, 5)).toEqual(['case', 'entity', 'transfer', 'alerting', 'timestamp'])
    expect(rows).toHaveLength(caseList.reduce((n, c) => n + c.evidence.length, 0))
    const first = caseList[0]
    expect(rows.filter((r) => r[0] === first.id).map((r) => r[2])).toEqual(first.evidence)
    expect(rows.every((r) => r[4] !== '')).toBe(true)
  }, 240_000)

  it('names the line of a cases file that is not one, and shows the usage for a report it does not know', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'))
    const notCases = await txscreen(['report', 'goaml', '--cases', 'fixtures/records/malformed.ndjson', '--records', 'fixtures/records/malformed.ndjson', '--entity', 'fixtures/goaml/reporting-entity.yaml', '--out', dir])
    expect(notCases.code).toBe(2)
    expect(notCases.stderr).toMatch(/malformed\.ndjson:1: .*a cases file of txscreen batch --cases/)
    const usage = await txscreen(['report', 'sar'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('txscreen report goaml')
  })
})
