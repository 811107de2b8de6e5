import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { NATS, natsUp as up } from './nats-server.ts'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '../..')
const CLI = join(ROOT, 'bin/txscreen.js')
const RECORDS = 6000

/** complete lines in `path` so far */
function linesIn(path: string): number {
  try {
    if (statSync(path).size === 0) return 0
    return readFileSync(path, 'utf8').split('\n').length - 1
  } catch {
    return 0
  }
}

/**
 * The router of `txscreen batch --nats` killed with SIGKILL mid-run and started again with the same command:
 * the run id comes from the input and the options, so the second router finds the run, publishes only the
 * slices the first had not, merges every slice's hits from the run's streams and writes the whole output again.
 */
describe('txscreen batch --nats, its router killed and started again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'txscreen-nats-restart-'))
  const input = join(dir, 'records.ndjson')

  beforeAll(async () => {
    if (!up && process.env.CI) throw new Error(`NATS JetStream is not reachable at ${NATS}: start nats-server -js (.ci/run does)`)
    await run('node', [CLI, 'generate', '--seed', '5', '--records', String(RECORDS), '--out', dir], { cwd: ROOT })
  }, 120_000)

  it.skipIf(!up)('writes the local batch\'s outputs and cases, nothing lost or twice', async () => {
    const list = `indicators-csv:${join(dir, 'indicators.csv')}`
    const local = { out: join(dir, 'local.v.ndjson'), cases: join(dir, 'local.c.ndjson') }
    await run('node', [CLI, 'batch', input, '--list', list, '--threads', '1', '--quiet', '--out', local.out, '--cases', local.cases], { cwd: ROOT })

    const out = join(dir, 'nats.v.ndjson')
    const cases = join(dir, 'nats.c.ndjson')
    const command = [CLI, 'batch', input, '--list', list, '--out', out, '--cases', cases, '--nats', NATS, '--partitions', '4', '--local-workers', '1']
    const first = spawn('node', command, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
    let firstLog = ''
    first.stderr!.on('data', (b: Buffer) => (firstLog += b.toString()))
    const firstExit = new Promise<void>((resolve) => first.once('exit', () => resolve()))
    // kill it once it has written some verdicts, well before the end
    for (let waited = 0; linesIn(out) === 0 && waited < 600_000; waited += 50) await new Promise((r) => setTimeout(r, 50))
    first.kill('SIGKILL')
    await firstExit
    const atKill = linesIn(out)
    expect(atKill, firstLog).toBeGreaterThan(0)
    expect(atKill).toBeLessThan(RECORDS)

    const { stderr } = await run('node', command, { cwd: ROOT, timeout: 900_000 })
    expect(stderr).toMatch(/resuming run \w+/)
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(local.out, 'utf8'))
    expect(readFileSync(cases, 'utf8')).toBe(readFileSync(local.cases, 'utf8'))
  }, 900_000)
})
