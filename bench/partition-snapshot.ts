// What a partition's state snapshot costs (docs/scale-out.md, "Snapshots"), in one process: at checkpoints
// through the input, per partition, the snapshot's bytes (node:v8, as the NATS worker stores it), the CPU time
// to encode it and to decode and restore it, against the CPU time a takeover without it spends replaying the
// partition's records so far. CPU time (process.cpuUsage) rather than wall time: the machine is shared.
//   npx tsx bench/partition-snapshot.ts [--input FILE] [--partitions P] [--every N] [--list FORMAT:PATH]
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { deserialize } from 'node:v8'
import { encodeSnapshot } from '../src/batch/nats/snapshot-store.ts'
import { loadWatchlists } from '../src/cli/load-ruleset.ts'
import { compileRuleset, isRouted, PartitionRouter, PartitionScreener, validateRecord } from '../src/core/index.ts'
import { readRuleSources } from '../src/rules-fs.ts'

const ROOT = join(import.meta.dirname, '..')
const { values } = parseArgs({
  options: {
    input: { type: 'string', default: join(ROOT, 'fixtures/generated/records.ndjson') },
    partitions: { type: 'string', default: '4' },
    every: { type: 'string', default: '25000' },
    list: { type: 'string', multiple: true, default: [`indicators-csv:${join(ROOT, 'fixtures/generated/indicators.csv')}`] },
  },
})
const compiled = compileRuleset(await readRuleSources())
if (!compiled.ok) throw new Error('the rules do not compile')
const watchlists = await loadWatchlists(values.list)
const P = Number(values.partitions)
const every = Number(values.every)
const router = new PartitionRouter(compiled.ruleset, P)
const make = (p: number) => new PartitionScreener(router.plan, p, watchlists ? { watchlists } : {})
const parts = router.plan.all.map(make)
const replayMs = new Array<number>(P + 1).fill(0)
const seen = new Array<number>(P + 1).fill(0)
const lines = readFileSync(values.input, 'utf8').split('\n').filter(Boolean)

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since)
  return (d.user + d.system) / 1000
}

console.log(`${values.input}: ${lines.length} records, P = ${P}, snapshot figures every ${every} records (CPU ms)`)
console.log('records | partition | its records | bytes | encode | decode + restore | replay of its records so far')
for (let i = 0; i < lines.length; i++) {
  const routed = router.route(validateRecord(JSON.parse(lines[i]!), i + 1))
  if (isRouted(routed)) {
    for (const p of routed.partitions) {
      const t = process.cpuUsage()
      parts[p]!.hits(routed.record)
      replayMs[p]! += cpuMs(t)
      seen[p]!++
    }
  }
  if ((i + 1) % every !== 0 && i + 1 !== lines.length) continue
  for (const p of router.plan.all) {
    let t = process.cpuUsage()
    const bytes = encodeSnapshot(parts[p]!, i)
    const encode = cpuMs(t)
    t = process.cpuUsage()
    make(p).restore((deserialize(bytes) as { state: Parameters<PartitionScreener['restore']>[0] }).state)
    const restore = cpuMs(t)
    const name = p === router.plan.graphPartition ? 'graph' : String(p)
    console.log(`${i + 1} | ${name} | ${seen[p]} | ${bytes.length} | ${encode.toFixed(0)} | ${restore.toFixed(0)} | ${replayMs[p]!.toFixed(0)}`)
  }
}
