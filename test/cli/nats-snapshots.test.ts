import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { connect, type NatsConnection } from 'nats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NATS, natsUp as up } from './nats-server.ts'
import { openBuckets } from '../../src/batch/nats/partition-worker.ts'
import { SNAPSHOTS_BUCKET, snapshotName } from '../../src/batch/nats/protocol.ts'
import { deleteSnapshots, encodeSnapshot, loadSnapshot, saveSnapshot } from '../../src/batch/nats/snapshot-store.ts'
import { compileRuleset, PartitionPlan, PartitionScreener, validateRecord } from '../../src/core/index.ts'
import { readRuleSources } from '../../src/rules-fs.ts'

const ROOT = join(import.meta.dirname, '../..')
const STREAM = `OBJ_${SNAPSHOTS_BUCKET}`

/** a partition's snapshots in the object store: only the newest is kept, and the run's end removes it */
describe('partition snapshots in the JetStream object store', () => {
  const run = randomUUID().replaceAll('-', '').slice(0, 16)
  let nc: NatsConnection | undefined

  beforeAll(() => {
    if (!up && process.env.CI) throw new Error(`NATS JetStream is not reachable at ${NATS}`)
  })
  afterAll(() => nc?.close())

  it.skipIf(!up)('keeps the newest snapshot of a partition only, chunks included, and none once the run ends', async () => {
    const compiled = compileRuleset(await readRuleSources())
    if (!compiled.ok) throw new Error('the default pack does not compile')
    const screener = new PartitionScreener(new PartitionPlan(compiled.ruleset, 1), 0)
    const lines = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').slice(0, 1500)
    nc = await connect({ servers: NATS })
    const js = nc.jetstream()
    const jsm = await nc.jetstreamManager()
    const { snapshots } = await openBuckets(js)
    const chunksOf = async (nuid: string) =>
      Object.keys((await jsm.streams.info(STREAM, { subjects_filter: `$O.${SNAPSHOTS_BUCKET}.C.${nuid}` })).state.subjects ?? {}).length

    const nuids: string[] = []
    for (let seq = 1; seq <= 3; seq++) {
      for (const [i, l] of lines.slice((seq - 1) * 500, seq * 500).entries()) {
        const parsed = validateRecord(JSON.parse(l), i + 1)
        if (parsed.ok) screener.hits(parsed.record)
      }
      await saveSnapshot(snapshots, jsm, run, 0, encodeSnapshot(screener, seq))
      nuids.push((await snapshots.info(snapshotName(run, 0)))!.nuid)
    }
    expect((await loadSnapshot(snapshots, run, 0))?.seq).toBe(3)
    const objects = (await snapshots.list()).filter((o) => o.name.startsWith(`${run}.`))
    expect(objects.map((o) => o.name)).toEqual([snapshotName(run, 0)])
    // the older snapshots' bytes are gone from the bucket's stream, the newest's are there
    expect(await Promise.all(nuids.map(chunksOf))).toEqual([0, 0, 1])

    await deleteSnapshots(snapshots, run, 1)
    // what stays is the object's delete marker (a few hundred bytes, gone with the bucket's day-long max age)
    expect((await snapshots.info(snapshotName(run, 0)))?.deleted ?? true).toBe(true)
    expect(await chunksOf(nuids[2]!)).toBe(0)
  }, 120_000)
})
