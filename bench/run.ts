// npm run bench [-- --quick] [--records N] [--no-write] [--shadow]
// Every figure comes from its own child process, all in one run, so the ratios hold on a noisy machine.
// Two files: `txscreen generate --seed 42 --records N` (8,000 accounts) and the many-parties population of the
// same length (`--counterparties 2N`: most parties seen once or twice), each against the pass-through.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { generatedRecords, MANY_PARTIES, ROOT } from './data.ts'
import { defaultAccounts } from '../src/gen/generate.ts'
import { measureLiveState, type LiveState } from './measure-live-state.ts'
import { describeMachine } from './machine.ts'
import { measureBatch, type BatchFigures } from './measure-batch.ts'
import { readScenarios, type Traffic } from '../load/lib/scenarios.ts'
import { measureHttp, type HttpFigures } from './measure-http.ts'
import { measureFloor } from './http-floor.ts'
import { measureShadow } from './shadow.ts'
import { fmtMiB, fmtRate, markdownTable, writeBenchmarks, type Row } from './report.ts'
import { judgeIssue21, judgeIssue21Realtime, judgeTargets } from './targets.ts'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    records: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    // three more pairs of POST /v1/screen runs without and with a shadow rule set (bench/shadow.ts): minutes more
    shadow: { type: 'boolean', default: false },
  },
})
const SEED = 42
const ACCOUNTS = 8000
const records = Number(values.records ?? (values.quick ? 20_000 : 100_000))
// the many-parties population: twice as many pool parties as records, so most appear once or twice
const COUNTERPARTIES = 2 * records
const httpSeconds = values.quick ? 10 : 30
const MODERATE_RATE = 1000
const SDN_LIST = 'ofac-csv:../shared/data/watchlists/ofac-sdn-2021'

const machine = describeMachine()
const say = (text: string) => process.stderr.write(`${text}\n`)
const input = await generatedRecords(SEED, records, ACCOUNTS)
const manyAccounts = defaultAccounts(records)
const manyInput = await generatedRecords(SEED, records, manyAccounts, COUNTERPARTIES)
const cores = String(machine.cores)

say('(a) pass-through: read lines, JSON.parse, JSON.stringify a minimal verdict, write')
const base1 = await measureBatch(input, [], { passThrough: true })
say(`    ${fmtRate(base1.recordsPerSecond)}`)
say(`(b) txscreen batch, default pack, --threads ${cores}`)
const batchAll = await measureBatch(input, ['--threads', cores])
say(`    ${fmtRate(batchAll.recordsPerSecond)}`)
say('(e) txscreen batch, default pack, --threads 1')
const batchOne = await measureBatch(input, ['--threads', '1'])
say(`    ${fmtRate(batchOne.recordsPerSecond)}`)

say('(g) pass-through on the many-parties file')
const manyBase1 = await measureBatch(manyInput, [], { passThrough: true })
say(`    ${fmtRate(manyBase1.recordsPerSecond)}`)
say('(h) txscreen batch on the many-parties file, --threads 1')
const manyOne = await measureBatch(manyInput, ['--threads', '1'])
say(`    ${fmtRate(manyOne.recordsPerSecond)}`)
say(`(h') txscreen batch on the many-parties file, --threads ${cores}`)
const manyAll = await measureBatch(manyInput, ['--threads', cores])
say(`    ${fmtRate(manyAll.recordsPerSecond)}`)
say('(i) live state per party on the many-parties file, in-process')
const live: LiveState = await measureLiveState(['--records', String(records), '--generated', String(records), '--accounts', String(manyAccounts), '--counterparties', String(COUNTERPARTIES)])
say(`    ${live.bytesPerParty.toLocaleString('en-US')} bytes a party`)

say('(c) txscreen batch with name screening against the 2021 SDN list')
let names: BatchFigures | { skipped: string }
if (!existsSync(join(ROOT, 'src/lists/load.ts'))) names = { skipped: 'src/lists/load.ts has not landed' }
else if (!existsSync(resolve(ROOT, '../shared/data/watchlists/ofac-sdn-2021'))) names = { skipped: 'no ../shared/data/watchlists/ofac-sdn-2021' }
// the same file as (b): parties recur in a batch, so each distinct name is searched once and remembered
else names = await measureBatch(input, ['--threads', cores, '--list', SDN_LIST])
say(`    ${'skipped' in names ? `skipped: ${names.skipped}` : fmtRate(names.recordsPerSecond)}`)

say(`(d) POST /v1/screen for ${httpSeconds} s, PostgreSQL persistence`)
const http = await measureHttp(httpSeconds)
say(`    ${'skipped' in http ? `skipped: ${http.skipped}` : fmtRate(http.perSecond, 'req/s')}`)
// the target rate saturates this machine, so its latencies are mostly queueing: the same at a rate it sustains
say(`(d') POST /v1/screen at ${MODERATE_RATE}/s for ${httpSeconds} s`)
const httpModerate = await measureHttp(httpSeconds, { rate: MODERATE_RATE })
say(`    ${'skipped' in httpModerate ? `skipped: ${httpModerate.skipped}` : `p99 ${httpModerate.p99.toFixed(1)} ms`}`)
// the same with commits that do not wait for the WAL flush: what the disk's fsync stalls add to the tail
say(`(d'') POST /v1/screen at ${MODERATE_RATE}/s for ${httpSeconds} s, synchronous_commit off`)
const httpAsync = await measureHttp(httpSeconds, { rate: MODERATE_RATE, commit: 'async' })
say(`    ${'skipped' in httpAsync ? `skipped: ${httpAsync.skipped}` : `p99 ${httpAsync.p99.toFixed(1)} ms`}`)
// the same target rate with the transfers of `txscreen generate` (scenarios.json "generated"): a population where
// few calls alert, against the synthetic traffic's dense graph where most do
const g = readScenarios().generated
const generatedTraffic: Traffic = { kind: 'generated', file: await generatedRecords(g.seed, g.records, g.accounts) }
say(`(f) POST /v1/screen for ${httpSeconds} s, generated traffic`)
const httpGenerated = await measureHttp(httpSeconds, { traffic: generatedTraffic })
say(`    ${'skipped' in httpGenerated ? `skipped: ${httpGenerated.skipped}` : `${fmtRate(httpGenerated.perSecond, 'req/s')}, p99 ${httpGenerated.p99.toFixed(1)} ms`}`)
say(`(f') POST /v1/screen for ${httpSeconds} s, generated traffic, synchronous_commit off`)
const httpGeneratedAsync = await measureHttp(httpSeconds, { traffic: generatedTraffic, commit: 'async' })
say(`    ${'skipped' in httpGeneratedAsync ? `skipped: ${httpGeneratedAsync.skipped}` : `${fmtRate(httpGeneratedAsync.perSecond, 'req/s')}, p99 ${httpGeneratedAsync.p99.toFixed(1)} ms`}`)

// issue 21's real-time tail: the moderate rate on the generated traffic, three times, and the floor under it all
const moderateGenerated: (HttpFigures | { skipped: string })[] = []
for (let run = 1; run <= 3; run++) {
  say(`(f'') POST /v1/screen at ${MODERATE_RATE}/s for ${httpSeconds} s, generated traffic, run ${run} of 3`)
  const f = await measureHttp(httpSeconds, { rate: MODERATE_RATE, traffic: generatedTraffic })
  moderateGenerated.push(f)
  say(`    ${'skipped' in f ? `skipped: ${f.skipped}` : `p99 ${f.p99.toFixed(1)} ms`}`)
}
const floorRate = readScenarios().screen.rate
say(`(j) the floor: bare node:http + PostgreSQL group commit, generated traffic at ${floorRate}/s for ${httpSeconds} s`)
const floor = await measureFloor({ rate: floorRate, seconds: httpSeconds, traffic: generatedTraffic })
say(`    ${fmtRate(floor.perSecond, 'req/s')}, ${floor.cpuMicros.toFixed(0)} µs CPU a call`)

let shadow: Awaited<ReturnType<typeof measureShadow>> | undefined
if (values.shadow) {
  say(`(g) POST /v1/screen at ${MODERATE_RATE}/s for ${httpSeconds} s, without and with a shadow rule set (the tuned candidate of bench/shadow-candidates.ts), three alternating pairs`)
  shadow = await measureShadow({ rounds: 3, rate: MODERATE_RATE, seconds: httpSeconds })
  say(`    p95 ${shadow.p95.without.toFixed(1)} -> ${shadow.p95.with.toFixed(1)} ms, +${shadow.extraCpuMicros.toFixed(0)} µs server CPU a call`)
}

// the pass-through again at the end: the mean of both brackets the machine's drift during the run
const base2 = await measureBatch(input, [], { passThrough: true })
const baseline = (base1.recordsPerSecond + base2.recordsPerSecond) / 2
const ratio = (f: BatchFigures) => (f.recordsPerSecond / baseline).toFixed(2)
const manyBase2 = await measureBatch(manyInput, [], { passThrough: true })
const manyBaseline = (manyBase1.recordsPerSecond + manyBase2.recordsPerSecond) / 2
const manyRatio = (f: BatchFigures) => (f.recordsPerSecond / manyBaseline).toFixed(3)
// CPU of the whole child per record: steadier than throughput when other work shares the machine
const cpuPerRecord = (f: BatchFigures) => (f.cpuSeconds === undefined ? '' : `${Math.round((f.cpuSeconds / f.records) * 1e6)} µs CPU a record (whole process)`)

const rows: Row[] = [
  { name: '(a) pass-through: read lines + JSON.parse + JSON.stringify a minimal verdict + write', rate: fmtRate(baseline), ratio: '1.00', latency: '', rss: fmtMiB(Math.max(base1.peakRssMiB ?? 0, base2.peakRssMiB ?? 0) || undefined), note: `two runs: ${fmtRate(base1.recordsPerSecond)}, ${fmtRate(base2.recordsPerSecond)}; ${cpuPerRecord(base1)}` },
  { name: `(b) batch, default pack (${batchAll.records.toLocaleString('en-US')} records), --threads ${cores}`, rate: fmtRate(batchAll.recordsPerSecond), ratio: ratio(batchAll), latency: '', rss: fmtMiB(batchAll.peakRssMiB), note: cpuPerRecord(batchAll) },
  'skipped' in names
    ? { name: '(c) batch + names (OFAC SDN 2021)', rate: '—', ratio: '—', latency: '', rss: '—', note: `skipped: ${names.skipped}` }
    : { name: `(c) batch + names (OFAC SDN 2021, ${names.records.toLocaleString('en-US')} records), --threads ${cores}`, rate: fmtRate(names.recordsPerSecond), ratio: ratio(names), latency: '', rss: fmtMiB(names.peakRssMiB), note: '' },
  httpRow('(d)', http),
  httpRow("(d')", httpModerate),
  httpRow("(d'')", httpAsync, ', synchronous_commit off'),
  httpRow('(f)', httpGenerated, ', generated traffic'),
  httpRow("(f')", httpGeneratedAsync, ', generated traffic, synchronous_commit off'),
  ...moderateGenerated.map((f, i) => httpRow(`(f'') ${i + 1}/3`, f, ', generated traffic')),
  {
    name: `(j) floor: bare node:http + PostgreSQL group commit, generated traffic, offered ${floor.rate}/s for ${httpSeconds} s`,
    rate: fmtRate(floor.perSecond, 'req/s'),
    ratio: '',
    latency: `${floor.p50.toFixed(1)} / ${floor.p95.toFixed(1)} / ${floor.p99.toFixed(1)} ms`,
    rss: '',
    note: `${floor.errors} errors of ${floor.requests}${floor.dropped ? `, ${floor.dropped} dropped` : ''}; server CPU ${floor.cpuMicros.toFixed(0)} µs a call (${(100 * floor.cpuShare).toFixed(0)} % of a core): \`npx tsx bench/http-floor.ts --rate ${floor.rate} --seconds ${httpSeconds}\``,
  },
  { name: '(e) batch, default pack, --threads 1', rate: fmtRate(batchOne.recordsPerSecond), ratio: ratio(batchOne), latency: '', rss: fmtMiB(batchOne.peakRssMiB), note: `${cores} threads / 1 thread = ${(batchAll.recordsPerSecond / batchOne.recordsPerSecond).toFixed(2)}×; ${cpuPerRecord(batchOne)}` },
  { name: '(g) pass-through, many-parties file (ratios of (h) against it)', rate: fmtRate(manyBaseline), ratio: '1.00', latency: '', rss: fmtMiB(Math.max(manyBase1.peakRssMiB ?? 0, manyBase2.peakRssMiB ?? 0) || undefined), note: `two runs: ${fmtRate(manyBase1.recordsPerSecond)}, ${fmtRate(manyBase2.recordsPerSecond)}; ${cpuPerRecord(manyBase1)}` },
  { name: '(h) batch, default pack, many-parties file, --threads 1', rate: fmtRate(manyOne.recordsPerSecond), ratio: manyRatio(manyOne), latency: '', rss: fmtMiB(manyOne.peakRssMiB), note: cpuPerRecord(manyOne) },
  { name: `(h') batch, default pack, many-parties file, --threads ${cores}`, rate: fmtRate(manyAll.recordsPerSecond), ratio: manyRatio(manyAll), latency: '', rss: fmtMiB(manyAll.peakRssMiB), note: `${cores} threads / 1 thread = ${(manyAll.recordsPerSecond / manyOne.recordsPerSecond).toFixed(2)}×; ${cpuPerRecord(manyAll)}` },
  { name: '(i) live state, default pack, many-parties file (in-process)', rate: '', ratio: '', latency: '', rss: '', note: `${live.bytesPerParty.toLocaleString('en-US')} bytes a party (${live.parties.toLocaleString('en-US')} parties in the windows, ${live.mib} MiB live heap after a collection): \`${live.command}\`` },
]
if (shadow) {
  rows.push({
    name: `(g) POST /v1/screen, in-memory state, PostgreSQL, offered ${MODERATE_RATE}/s for ${httpSeconds} s: without / with a shadow rule set (median of 3 alternating)`,
    rate: '',
    ratio: '',
    latency: `p95 ${shadow.p95.without.toFixed(1)} / ${shadow.p95.with.toFixed(1)} ms (${((shadow.p95Ratio - 1) * 100).toFixed(1)} %)`,
    rss: '',
    note: `server CPU ${shadow.cpu.without.toFixed(0)} / ${shadow.cpu.with.toFixed(0)} µs a call (+${shadow.extraCpuMicros.toFixed(0)} µs; main thread +${shadow.extraMainCpuMicros.toFixed(0)}, shadow thread ${shadow.shadowCpu.toFixed(0)})`,
  })
}

function httpRow(label: string, f: HttpFigures | { skipped: string }, commit = ''): Row {
  if ('skipped' in f) return { name: `${label} POST /v1/screen, PostgreSQL${commit}`, rate: '—', ratio: '', latency: '—', rss: '—', note: `skipped: ${f.skipped}` }
  return {
    name: `${label} POST /v1/screen, PostgreSQL${commit}, offered ${f.rate}/s for ${httpSeconds} s`,
    rate: fmtRate(f.perSecond, 'req/s'),
    ratio: '',
    latency: `${f.p50.toFixed(1)} / ${f.p95.toFixed(1)} / ${f.p99.toFixed(1)} ms`,
    rss: fmtMiB(f.peakRssMiB),
    note: `${f.errors} errors of ${f.requests}${f.dropped ? `, ${f.dropped} dropped (all connections busy)` : ''}; server process RSS${f.serverCpuMicros === undefined ? '' : `; server CPU ${f.serverCpuMicros.toFixed(0)} µs a call`}`,
  }
}

const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
const generated = [
  `Last run: \`npm run bench${values.quick ? ' -- --quick' : ''}\` on ${date}.`,
  '',
  `Machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.load} at the start, ${describeMachine().load} at the end. Data: \`txscreen generate --seed ${SEED} --records ${records} --accounts ${ACCOUNTS} --sanctions-list none --birth-dates 0\`; many-parties file: \`txscreen generate --seed ${SEED} --records ${records} --accounts ${manyAccounts} --counterparties ${COUNTERPARTIES} ${MANY_PARTIES.join(" ")} --sanctions-list none --birth-dates 0\`.`,
  'Throughput is counted by each child from its first record to its last write (compiling rules and loading lists excluded; starting worker threads included); peak RSS is the child\'s high-water mark (GNU time), the server\'s for (d).',
  '',
  markdownTable(rows),
  '',
  judgeTargets({ batchAll, batchOne, baseline, names, http, httpGenerated }),
  '',
  judgeIssue21({ batchAll, batchOne, baseline, manyOne, manyAll, manyBaseline, live }),
  '',
  judgeIssue21Realtime({ fullRate: httpGenerated, moderate: moderateGenerated, floor }),
].join('\n')

process.stdout.write(`\n${generated}\n`)
if (!values['no-write']) writeBenchmarks(join(ROOT, 'BENCHMARKS.md'), generated)
