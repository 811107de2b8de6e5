import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const LOAD = join(import.meta.dirname, '../../load')

interface Sent {
  id: string
  timestamp: string
}

/**
 * k6 cannot be installed here, so load/screen.js runs under stand-ins for the k6 modules and globals it uses:
 * its init code, then iterations of the warm-up and the measured scenario, as k6 numbers them.
 */
async function runK6Screen(env: Record<string, string>, iterations: { warmup: number; screen: number }): Promise<Sent[]> {
  const dir = mkdtempSync(join(tmpdir(), 'txscreen-k6-'))
  const script = readFileSync(join(LOAD, 'screen.js'), 'utf8')
    .replace("import http from 'k6/http'", 'const http = globalThis.k6http')
    .replace("import { SharedArray } from 'k6/data'", 'const SharedArray = globalThis.k6SharedArray')
    .replace("import exec from 'k6/execution'", 'const exec = globalThis.k6exec')
    .replace("from './lib/payload.js'", `from ${JSON.stringify(join(LOAD, 'lib/payload.js'))}`)
  writeFileSync(join(dir, 'screen.mjs'), script)
  const sent: Sent[] = []
  const exec = { scenario: { name: '', iterationInTest: 0 }, test: { abort: (why: string) => { throw new Error(`aborted: ${why}`) } } }
  Object.assign(globalThis, {
    k6http: { post: (_url: string, body: string) => sent.push(JSON.parse(body) as Sent) },
    k6SharedArray: function (_name: string, make: () => unknown[]) { return make() },
    k6exec: exec,
    open: (path: string) => readFileSync(path.startsWith('./') ? join(LOAD, path) : path, 'utf8'),
    __ENV: { BASE_URL: 'http://127.0.0.1:1', API_KEY: 'k', ...env },
    __VU: 1,
  })
  const mod = (await import(join(dir, 'screen.mjs'))) as { default(): void }
  for (const [name, count] of Object.entries(iterations)) {
    exec.scenario.name = name
    for (let i = 0; i < count; i++) {
      exec.scenario.iterationInTest = i
      mod.default()
    }
  }
  return sent
}

describe('load/screen.js (k6)', () => {
  it('with RECORDS, replays the file in order across the warm-up and the measured run, with ids of its own', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: `t${i + 1}`, timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }))
    const file = join(mkdtempSync(join(tmpdir(), 'txscreen-k6-records-')), 'records.ndjson')
    writeFileSync(file, lines.join('\n') + '\n')
    // 10 calls a second for the scenario's 5-second warm-up: the measured run starts at record 51
    const sent = await runK6Screen({ RECORDS: file, RATE: '10' }, { warmup: 3, screen: 2 })
    expect(sent.map((r) => r.id.replace(/^k6-[a-z0-9]+-/, ''))).toEqual(['t1', 't2', 't3', 't51', 't52'])
    expect(new Set(sent.map((r) => r.id.split('-')[1])).size).toBe(1)
    await expect(runK6Screen({ RECORDS: file, RATE: '10' }, { warmup: 0, screen: 11 })).rejects.toThrow(/aborted: .* has 60 records/)
  })

  it('without RECORDS, sends the synthetic transfers', async () => {
    const sent = await runK6Screen({}, { warmup: 0, screen: 2 })
    expect(sent).toHaveLength(2)
    expect(sent[1]!.timestamp > sent[0]!.timestamp).toBe(true)
  })
})
