import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { connect, type NatsConnection } from 'nats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NATS, natsUp as up } from './nats-server.ts'
import { outStream } from '../../src/batch/nats/protocol.ts'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '../..')
const CLI = join(ROOT, 'bin/txscreen.js')
const RECORDS = 6000

function worker(): { child: ChildProcess; log: () => string } {
  const child = spawn('node', [CLI, 'worker', '--nats', NATS], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
  let text = ''
  child.stderr!.on('data', (b: Buffer) => (text += b.toString()))
  return { child, log: () => text }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())))
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 600_000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * A worker that joins a run while another holds all its partitions gets a fair share: the holder releases the
 * partitions above its share once the hits of what it screened are stored (with a snapshot of their state),
 * and the newcomer starts from that snapshot. The input comes through standard input, so the test decides
 * when the second half is sent: after the second worker has joined.
 */
describe('txscreen worker, a second one joining mid-run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'txscreen-nats-rebalance-'))
  const input = join(dir, 'records.ndjson')
  const list = `indicators-csv:${join(dir, 'indicators.csv')}`
  /** the local batch's verdicts, the reference */
  const localOut = join(dir, 'local.v.ndjson')
  let nc: NatsConnection

  beforeAll(async () => {
    if (!up && process.env.CI) throw new Error(`NATS JetStream is not reachable at ${NATS}: start nats-server -js (.ci/run does)`)
    if (up) nc = await connect({ servers: NATS })
    await run('node', [CLI, 'generate', '--seed', '5', '--records', String(RECORDS), '--out', dir], { cwd: ROOT })
    await run('node', [CLI, 'batch', input, '--list', list, '--threads', '1', '--quiet', '--out', localOut], { cwd: ROOT })
  }, 300_000)

  afterAll(async () => {
    await nc?.close()
  })

  /** a batch reading standard input, its first half sent; the rest is sent by `finish` */
  async function halfSent(name: string) {
    const lines = readFileSync(input, 'utf8').split('\n').filter(Boolean)
    const runId = randomUUID().replaceAll('-', '').slice(0, 16)
    const out = join(dir, `${name}.v.ndjson`)
    const batch = spawn(
      'node',
      [CLI, 'batch', '-', '--list', list, '--out', out, '--quiet', '--nats', NATS, '--partitions', '4', '--run-id', runId, '--snapshot-every', '1000'],
      { cwd: ROOT, stdio: ['pipe', 'ignore', 'inherit'] },
    )
    const exit = new Promise<number | null>((resolve) => batch.once('exit', (code) => resolve(code)))
    batch.stdin!.write(lines.slice(0, RECORDS / 2).join('\n') + '\n')
    const jsm = await nc.jetstreamManager()
    await until('answers on every partition', async () => ((await jsm.streams.info(outStream(runId)).catch(() => undefined))?.state.messages ?? 0) >= 5 * 4)
    return {
      runId, out,
      finish: async () => {
        batch.stdin!.end(lines.slice(RECORDS / 2).join('\n') + '\n')
        return exit
      },
    }
  }

  /** how many partitions of `runId` a worker's log says it took */
  const took = (log: string, runId: string) => log.match(new RegExp(`serves partition \\d of run ${runId}`, 'g'))?.length ?? 0

  it.skipIf(!up)('takes partitions from the first, both screen records, and the output is the local batch\'s', async () => {

    const first = worker()
    await until('the first worker', () => first.log().includes('ready'))
    const batch = await halfSent('joined')
    // the first worker holds every partition and has answered some slices on all of them
    await until('the first worker to hold every partition', () => took(first.log(), batch.runId) === 5)

    const second = worker()
    try {
      await until('the second worker to take partitions', () => took(second.log(), batch.runId) > 0, 120_000)
      expect(await batch.finish()).toBe(0)
    } finally {
      for (const w of [first, second]) w.child.kill('SIGTERM')
      await Promise.all([exited(first.child), exited(second.child)])
    }
    expect(readFileSync(batch.out, 'utf8')).toBe(readFileSync(localOut, 'utf8'))
    // the first handed partitions over above its share of 5 among 2 (3), the second started from their state
    expect(first.log()).toMatch(new RegExp(`releasing partition \\d of run ${batch.runId}`))
    expect(took(second.log(), batch.runId)).toBeGreaterThanOrEqual(2)
    expect(second.log()).toMatch(new RegExp(`of run ${batch.runId}: state restored from the snapshot at stream sequence [1-9]`))
    for (const w of [first, second]) expect(w.log()).toMatch(new RegExp(`of run ${batch.runId}: screened [1-9]\\d* records`))
  }, 900_000)

  it.skipIf(!up)('gives a killed worker\'s partitions to the one left, and the output is the local batch\'s', async () => {
    const first = worker()
    const second = worker()
    await until('both workers', () => first.log().includes('ready') && second.log().includes('ready'))
    const batch = await halfSent('left')
    await until('both workers to hold partitions', () => took(first.log(), batch.runId) > 0 && took(second.log(), batch.runId) > 0)
    const before = took(first.log(), batch.runId)
    second.child.kill('SIGKILL')
    try {
      expect(await batch.finish()).toBe(0)
    } finally {
      first.child.kill('SIGTERM')
      await Promise.all([exited(first.child), exited(second.child)])
    }
    expect(readFileSync(batch.out, 'utf8')).toBe(readFileSync(localOut, 'utf8'))
    // once the killed worker's leases expired, the first took every partition it had
    expect(took(first.log(), batch.runId)).toBe(5)
    expect(before).toBeLessThan(5)
  }, 900_000)
})
