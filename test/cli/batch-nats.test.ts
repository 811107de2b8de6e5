import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { NATS, natsUp as up } from './nats-server.ts'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '../..')
const CLI = join(ROOT, 'bin/txscreen.js')
const LIST = `indicators-csv:${join(ROOT, 'fixtures/generated/indicators.csv')}`



/** the batch's outputs and cases for `input` with `extra` options */
async function batch(input: string, dir: string, name: string, extra: string[]): Promise<{ verdicts: string; cases: string }> {
  const out = join(dir, `${name}.v.ndjson`)
  const cases = join(dir, `${name}.c.ndjson`)
  await run('node', [CLI, 'batch', input, '--list', LIST, '--out', out, '--cases', cases, '--quiet', ...extra], { cwd: ROOT, timeout: 600_000 })
  return { verdicts: readFileSync(out, 'utf8'), cases: readFileSync(cases, 'utf8') }
}

function worker(): ChildProcess {
  return spawn('node', [CLI, 'worker', '--nats', NATS], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
}

/** what a worker has written to stderr so far */
function logOf(child: ChildProcess): () => string {
  let text = ''
  child.stderr!.on('data', (b: Buffer) => (text += b.toString()))
  return () => text
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())))
}

describe('txscreen batch --nats (partitioned screening on NATS JetStream)', () => {
  beforeAll(() => {
    // under CI NATS must be there (.ci/run starts it); elsewhere these tests are skipped without it
    if (!up && process.env.CI) throw new Error(`NATS JetStream is not reachable at ${NATS}: start nats-server -js (.ci/run does)`)
  })

  const dir = mkdtempSync(join(tmpdir(), 'txscreen-nats-'))
  const records = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n')
  const malformed = readFileSync(join(ROOT, 'fixtures/records/malformed.ndjson'), 'utf8').trimEnd()
  const small = join(dir, 'small.ndjson')
  writeFileSync(small, `${records.slice(0, 200).join('\n')}\n\n${malformed}\n${records.slice(200, 3000).join('\n')}\n`)

  it.skipIf(!up)('writes the outputs and cases of the local batch, with workers it starts, for P = 4 and P = 1', async () => {
    const local = await batch(small, dir, 'local', ['--threads', '1'])
    expect(local.verdicts.split('\n').filter((l) => l.includes('"hits":[{')).length).toBeGreaterThan(10)
    for (const p of [4, 1]) {
      const parted = await batch(small, dir, `p${p}`, ['--nats', NATS, '--partitions', String(p), '--local-workers', '2'])
      expect(parted.verdicts, `P=${p}`).toBe(local.verdicts)
      expect(parted.cases, `P=${p}`).toBe(local.cases)
    }
  }, 600_000)

  it.skipIf(!up)('loses and repeats nothing when a worker is killed mid-batch and another started', async () => {
    const input = join(dir, 'all.ndjson')
    writeFileSync(input, records.slice(0, 6000).join('\n') + '\n')
    const local = await batch(input, dir, 'all-local', ['--threads', '1'])
    const out = join(dir, 'killed.v.ndjson')
    const first = worker()
    const second = worker()
    const screening = run('node', [CLI, 'batch', input, '--list', LIST, '--out', out, '--quiet', '--nats', NATS, '--partitions', '3'], {
      cwd: ROOT,
      timeout: 900_000,
    })
    // kill one worker once verdicts are being written, well before the end
    let written = 0
    for (let waited = 0; written === 0 && waited < 600_000; waited += 200) {
      await new Promise((r) => setTimeout(r, 200))
      written = (() => {
        try {
          return statSync(out).size
        } catch {
          return 0
        }
      })()
    }
    first.kill('SIGKILL')
    const atKill = readFileSync(out, 'utf8').split('\n').length - 1
    const restarted = worker()
    try {
      await screening
    } finally {
      for (const w of [second, restarted]) w.kill('SIGTERM')
      await Promise.all([exited(first), exited(second), exited(restarted)])
    }
    expect(atKill).toBeLessThan(6000)
    expect(readFileSync(out, 'utf8')).toBe(local.verdicts)
  }, 900_000)

  it.skipIf(!up)('starts a partition taken over after a SIGKILL from its newest snapshot, with the same output', async () => {
    const input = join(dir, 'snap.ndjson')
    writeFileSync(input, records.slice(0, 6000).join('\n') + '\n')
    const local = await batch(input, dir, 'snap-local', ['--threads', '1'])
    const out = join(dir, 'snap.v.ndjson')
    const first = worker()
    const firstLog = logOf(first)
    const screening = run(
      'node',
      [CLI, 'batch', input, '--list', LIST, '--out', out, '--quiet', '--nats', NATS, '--partitions', '3', '--snapshot-every', '400'],
      { cwd: ROOT, timeout: 900_000 },
    )
    for (let waited = 0; !/snapshot at stream sequence \d+: \d+ bytes/.test(firstLog()) && waited < 600_000; waited += 200) {
      await new Promise((r) => setTimeout(r, 200))
    }
    first.kill('SIGKILL')
    const second = worker()
    const secondLog = logOf(second)
    try {
      await screening
    } finally {
      second.kill('SIGTERM')
      await Promise.all([exited(first), exited(second)])
    }
    expect(readFileSync(out, 'utf8')).toBe(local.verdicts)
    expect(secondLog()).toMatch(/state restored from the snapshot at stream sequence \d+/)
  }, 900_000)
})
