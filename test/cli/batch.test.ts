import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '../..')
const CLI = join(ROOT, 'bin/txscreen.js')

async function txscreen(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], { cwd: ROOT, maxBuffer: 64 << 20 })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('txscreen batch', () => {
  it('prints exactly one line per record, in input order, and exits 0 despite record errors', async () => {
    const { code, stdout, stderr } = await txscreen(['batch', 'fixtures/records/malformed.ndjson', '--quiet'])
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l))
    // 9 input lines, one of them blank: 8 records
    expect(lines.map((l) => l.id ?? `line ${l.line}`)).toEqual(['t1', 't2', 'line 3', 'line 4', 't4', 't5', 't6', 'line 9'])
    // three near-threshold transfers in a day, one with a smuggling word: the default pack must alert
    expect(lines[5]).toMatchObject({ id: 't5', decision: expect.stringMatching(/^(review|block)$/), ruleset: expect.stringMatching(/^txscreen-default@/) })
    expect(stderr).toBe('')
  })

  it('writes verdicts, cases and a summary to files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txscreen-batch-'))
    const { code, stderr } = await txscreen([
      'batch', 'fixtures/records/malformed.ndjson', '--out', join(dir, 'v.ndjson'), '--cases', join(dir, 'c.ndjson'),
      '--summary-json', join(dir, 's.json'),
    ])
    expect(code).toBe(0)
    expect(stderr).toMatch(/records 8 {2}errors 5 {2}clear 2 /)
    expect(readFileSync(join(dir, 'v.ndjson'), 'utf8').trimEnd().split('\n')).toHaveLength(8)
    expect(JSON.parse(readFileSync(join(dir, 'c.ndjson'), 'utf8'))).toMatchObject({ entity: 'id:A', transfers: ['t5'] })
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'))).toMatchObject({ records: 8, errors: 5, errorCodes: { invalid_json: 2, invalid_record: 2, no_rate: 1 } })
  })

  it('warns when records come out of time order, beyond the ruleset\'s lateness', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txscreen-order-'))
    const at = (id: string, time: string) => JSON.stringify({ id, timestamp: time, amount: '10.00', currency: 'USD', sender: { id: 'A' }, receiver: { id: 'B' } })
    // the default pack allows 1h: the third record is a day behind the second
    writeFileSync(join(dir, 'r.ndjson'), [at('o1', '2026-03-02T10:00:00Z'), at('o2', '2026-03-02T12:00:00Z'), at('o3', '2026-03-01T12:00:00Z')].join('\n') + '\n')
    const { code, stdout, stderr } = await txscreen(['batch', join(dir, 'r.ndjson'), '--summary-json', join(dir, 's.json')])
    expect(code).toBe(0)
    expect(stdout.trimEnd().split('\n')).toHaveLength(3)
    expect(stderr).toMatch(/warning: 1 record came more than 1h .* Sort the input by timestamp/)
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'))).toMatchObject({ records: 3, outOfOrder: 1 })
  })

  it('exits 2 with file:line:column when a rule file is broken, and screens nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txscreen-rules-'))
    cpSync(join(ROOT, 'rules', 'default'), dir, { recursive: true })
    const file = join(dir, 'structuring-transfer.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('window: 7d', 'window: seven days'))
    const check = await txscreen(['rules', 'check', dir])
    expect(check.code).toBe(2)
    expect(check.stderr).toMatch(/structuring-transfer\.yaml:\d+:9: expected a duration/)
    const batch = await txscreen(['batch', 'fixtures/records/malformed.ndjson', '--rules', dir])
    expect(batch.code).toBe(2)
    expect(batch.stdout).toBe('')
  })

  it('reads a format its file name does not say by its first line, and writes cases as the file name or --cases-format asks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txscreen-formats-'))
    const header = 'id,timestamp,amount,currency,channel,reference,sender.id,receiver.id'
    // the valid records of fixtures/records/malformed.ndjson: t5 alerts on sender A
    const rows = [
      't1,2026-03-01T10:00:00Z,2900,USD,money_transfer,,A,B', 't2,2026-03-01T11:00:00Z,2800.5,USD,money_transfer,for the boat,A,C',
      't5,2026-03-02T09:00:00+02:00,2950,USD,wire,crossing guaranteed,A,D',
    ]
    writeFileSync(join(dir, 'records.txt'), [header, ...rows].join('\n') + '\n')
    writeFileSync(join(dir, 'records.csv'), [header, ...rows].join('\n') + '\n')
    const sniffed = await txscreen(['batch', join(dir, 'records.txt'), '--quiet', '--cases', join(dir, 'cases.csv')])
    const named = await txscreen(['batch', join(dir, 'records.csv'), '--quiet', '--cases', join(dir, 'cases.out'), '--cases-format', 'csv', '--threads', '1'])
    const json = await txscreen(['batch', join(dir, 'records.csv'), '--quiet', '--cases', join(dir, 'cases.ndjson'), '--threads', '1'])
    expect(sniffed.code).toBe(0)
    expect(sniffed.stdout.trimEnd().split('\n').map((l) => JSON.parse(l))).toMatchObject([{ id: 't1' }, { id: 't2' }, { id: 't5', decision: expect.stringMatching(/^(review|block)$/) }])
    expect(named.stdout).toBe(sniffed.stdout)
    const csv = readFileSync(join(dir, 'cases.csv'), 'utf8')
    expect(csv.split('\n')[0]).toMatch(/^entity,decision,score,/)
    expect(csv).toContain('id:A,')
    expect(readFileSync(join(dir, 'cases.out'), 'utf8')).toBe(csv)
    expect(JSON.parse(readFileSync(join(dir, 'cases.ndjson'), 'utf8').split('\n')[0]!)).toMatchObject({ entity: 'id:A' })
    expect(json.code).toBe(0)
  })

  it('names the input formats and exports in its help', async () => {
    const { code, stdout } = await txscreen(['batch', '--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('[--format ndjson|csv]')
    expect(stdout).toContain('[--cases-format ndjson|csv]')
  })

  it('exits 2 on usage errors', async () => {
    expect((await txscreen(['batch'])).code).toBe(2)
    expect((await txscreen(['batch', 'x.ndjson', '--format', 'xml'])).code).toBe(2)
    expect((await txscreen(['batch', 'fixtures/records/malformed.ndjson', '--cases-format', 'xml'])).code).toBe(2)
    expect((await txscreen(['batch', 'does-not-exist.ndjson'])).code).toBe(2)
  })

  it('the shipped rule pack passes rules check', async () => {
    const { code, stdout } = await txscreen(['rules', 'check'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^ok: \d+ rules on/)
  })
})
