import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { connect } from 'nats'
import { beforeAll, describe, expect, it } from 'vitest'
import { NATS, natsUp as up } from './nats-server.ts'
import { openBuckets } from '../../src/batch/nats/partition-worker.ts'
import { encodeSnapshot, saveSnapshot } from '../../src/batch/nats/snapshot-store.ts'
import { compileRuleset, PartitionPlan, PartitionScreener } from '../../src/core/index.ts'
import { readRuleSources } from '../../src/rules-fs.ts'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '../..')
const CLI = join(ROOT, 'bin/txscreen.js')
const PARTITIONS = 2

/**
 * The same input and options give the same run id, so a new run of them must not start from a snapshot an
 * earlier run left under that id (a worker may store one as it lets go, after the earlier router removed the
 * rest): a partition restored from it would skip this run's records, and the router would wait for ever.
 */
describe('txscreen batch --nats after an earlier run of the same id left a snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'txscreen-nats-stale-'))
  const input = join(dir, 'records.ndjson')

  beforeAll(async () => {
    if (!up && process.env.CI) throw new Error(`NATS JetStream is not reachable at ${NATS}: start nats-server -js (.ci/run does)`)
    await run('node', [CLI, 'generate', '--seed', '6', '--records', '2000', '--out', dir], { cwd: ROOT })
  }, 120_000)

  it.skipIf(!up)('screens every record again and writes the local batch\'s output', async () => {
    const runId = `stale${Date.now().toString(36)}`
    const compiled = compileRuleset(await readRuleSources())
    if (!compiled.ok) throw new Error('the default pack does not compile')
    const nc = await connect({ servers: NATS })
    try {
      const { snapshots } = await openBuckets(nc.jetstream())
      const jsm = await nc.jetstreamManager()
      // a snapshot far past anything this run will publish, for every partition and the graph partition
      for (let p = 0; p <= PARTITIONS; p++) {
        await saveSnapshot(snapshots, jsm, runId, p, encodeSnapshot(new PartitionScreener(new PartitionPlan(compiled.ruleset, PARTITIONS), p), 1_000_000))
      }
    } finally {
      await nc.close()
    }
    const local = join(dir, 'local.ndjson')
    await run('node', [CLI, 'batch', input, '--threads', '1', '--quiet', '--out', local], { cwd: ROOT })
    const out = join(dir, 'nats.ndjson')
    await run('node', [CLI, 'batch', input, '--quiet', '--out', out, '--nats', NATS, '--partitions', String(PARTITIONS), '--local-workers', '1', '--run-id', runId], {
      cwd: ROOT,
      timeout: 150_000,
    })
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(local, 'utf8'))
  }, 240_000)
})
