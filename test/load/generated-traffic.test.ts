import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { uniqueRecordLine } from '../../load/lib/payload.js'
import { readScenarios, screenBodies } from '../../load/lib/scenarios.ts'

const scenarios = readScenarios()

function recordsFile(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'txscreen-traffic-')), 'records.ndjson')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

// `npm run load -- --traffic generated` and k6's RECORDS replay a generated file: in its order (windows follow
// event time), and with ids of their own per run, or a server that saw the file before answers every call as a retry
describe('generated traffic', () => {
  const lines = [
    '{"id":"t1","timestamp":"2026-01-01T00:00:01Z","amount":"10.00"}',
    '{"id":"t2","timestamp":"2026-01-01T00:00:02Z","amount":"20.00"}',
    '{"id":"t3","timestamp":"2026-01-01T00:00:03Z","amount":"30.00"}',
  ]

  it('sends the records in file order, each once, with the run in their ids', () => {
    const body = screenBodies(scenarios, 'run1', { kind: 'generated', file: recordsFile(lines) }, 3)
    const sent = [body(), body(), body()].map((b) => JSON.parse(b))
    expect(sent.map((r) => r.id)).toEqual(['screen-run1-t1', 'screen-run1-t2', 'screen-run1-t3'])
    expect(sent.map((r) => r.amount)).toEqual(['10.00', '20.00', '30.00'])
  })

  it('refuses a run that would need more records than the file has, before it starts', () => {
    expect(() => screenBodies(scenarios, 'run2', { kind: 'generated', file: recordsFile(lines) }, 4)).toThrow(/has 3 records; this run may ask for 4/)
  })

  it('makes the id unique wherever it stands in the line', () => {
    expect(JSON.parse(uniqueRecordLine('{"amount":"1.00","id":"t9"}', 'p'))).toEqual({ amount: '1.00', id: 'p-t9' })
  })
})
