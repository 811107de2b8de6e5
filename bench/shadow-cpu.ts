// The CPU a shadow adds per call, in one process and without HTTP or a database: the bench's synthetic screen
// bodies through the default pack's screener (what the active set does), and again through a second screener of
// the shadow candidate plus the comparison tally and the stored row's JSON (what the shadow does per call).
// The candidate is one of bench/shadow-candidates.ts (--candidate, default tuned): the shadow runs only the rules that
// differ from the active set's and takes the rest's hits from the active screening (src/service/shadow-plan.ts).
// Figures are process.cpuUsage over the same records, alternating rounds; the median of each. A third round
// sends the shadow's calls to its child process (as the Node service does, 256 a message) and tallies the
// outcomes: its figure is the main thread's CPU alone (/proc, 10 ms ticks), what the event loop still pays.
// With --post-sizes, it measures instead what the hand-off costs this process by message size: the calls sent
// N at a time, one call a millisecond as at 1,000 calls a second (so the shadow sleeps between messages), and
// this process's CPU a call (the shadow's process is not counted; the active screening is done before the clock starts).
//   npx tsx bench/shadow-cpu.ts [--candidate tuned|different|review35] [--calls 20000] [--rounds 5]
//   npx tsx bench/shadow-cpu.ts --post-sizes 1,16,64,256 [--calls 4000]
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { processShadowThread } from '../src/adapters/node/shadow-process.ts'
import { compileRuleset, Screener, type CompiledRuleset, type Hit, type RuleSource, type TransferRecord } from '../src/core/index.ts'
import { readRuleSources } from '../src/rules-fs.ts'
import { ComparisonTally } from '../src/service/shadow-comparison.ts'
import { ShadowScreening, sharedHits } from '../src/service/shadow-outcome.ts'
import { planShadow } from '../src/service/shadow-plan.ts'
import { decodeOutcomes, shadowCallsJson, type ShadowCallParts } from '../src/service/shadow-thread-port.ts'
import type { ActiveSide } from '../src/service/shadow-comparison.ts'
import { readScenarios, screenBodies } from '../load/lib/scenarios.ts'
import { CANDIDATES, candidateFiles as candidateSources, type CandidateName } from './shadow-candidates.ts'

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' }, 'post-sizes': { type: 'string' }, candidate: { type: 'string', default: 'tuned' } },
})
const calls = Number(values.calls)
const candidateName = values.candidate as CandidateName
if (!CANDIDATES.includes(candidateName)) throw new Error(`--candidate: one of ${CANDIDATES.join(', ')}`)

function compile(files: RuleSource[]): CompiledRuleset {
  const r = compileRuleset(files)
  if (!r.ok) throw new Error('does not compile')
  return r.ruleset
}

const active = compile(await readRuleSources())
const candidateFiles = await candidateSources(candidateName)
const candidate = compile(candidateFiles)
const plan = planShadow(active, candidate)
const reuse = new Set(plan.reuse)
console.log(`candidate ${candidateName}: the shadow runs ${plan.evaluate.length} of its ${candidate.rules.length} rules, takes ${plan.reuse.length} from the active set`)
// as the service sends them: the record's JSON (the service makes it for the history anyway: made here before
// any clock starts), spliced into the batch's JSON
const recordJson = new Map<TransferRecord, string>()
const toCall = (record: TransferRecord, active: { decision: ShadowCallParts['decision']; score: number; ruleset: string }, hits: readonly Hit[]): ShadowCallParts => ({
  recordJson: recordJson.get(record) ?? JSON.stringify(record),
  decision: active.decision,
  score: active.score,
  ruleset: active.ruleset,
  tenant: 'default',
  keyId: null,
  reused: sharedHits(hits, reuse),
  activeJson: undefined,
})
const side = (v: { id: string; decision: ActiveSide['decision']; score: number; hits: readonly { rule: string }[] }): ActiveSide => ({ id: v.id, decision: v.decision, score: v.score, activeRules: v.hits.map((h) => h.rule) })
// no database: the shadow's process hands the kept rows' JSON back, as under PGlite
const shadowThread = processShadowThread()
const next = screenBodies(readScenarios(), 'shadow-cpu')
const records: TransferRecord[] = Array.from({ length: calls }, () => JSON.parse(next()) as TransferRecord)
for (const r of records) recordJson.set(r, JSON.stringify(r))

const micros = (u: NodeJS.CpuUsage) => u.user + u.system
function round(withShadow: boolean): number {
  const screener = new Screener(active)
  const shadow = new ShadowScreening(candidate, plan)
  const tally = new ComparisonTally()
  const start = process.cpuUsage()
  for (const r of records) {
    const hits = screener.hits(r)
    const v = screener.verdict(r, hits)
    if (!withShadow) continue
    const s = shadow.outcome(r, v.decision, sharedHits(hits, reuse))
    if (s) tally.add(side(v), s, 0)
  }
  return micros(process.cpuUsage(start)) / calls
}

/** the main thread's CPU microseconds so far (not the shadow thread's) */
function mainThreadMicros(): number {
  const f = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(f[11]) + Number(f[12])) / 100) * 1e6
}

async function threadedRound(): Promise<number> {
  const screener = new Screener(active)
  const thread = shadowThread(candidateFiles, candidate.version, plan, 'bench')
  await thread.warmed()
  const tally = new ComparisonTally()
  const replies: Promise<void>[] = []
  const start = mainThreadMicros()
  let batch: { record: TransferRecord; active: ReturnType<Screener['screen']>; hits: Hit[] }[] = []
  const post = () => {
    const posted = batch
    batch = []
    replies.push(thread.screen(shadowCallsJson(posted.map((c) => toCall(c.record, c.active, c.hits)))).then((encoded) => decodeOutcomes(encoded, candidate.rules).forEach((o, i) => o && tally.add(side(posted[i]!.active), o, 0))))
  }
  for (const r of records) {
    const hits = screener.hits(r)
    batch.push({ record: r, active: screener.verdict(r, hits), hits })
    if (batch.length === 256) post()
  }
  if (batch.length > 0) post()
  await Promise.all(replies)
  const used = mainThreadMicros() - start
  thread.close()
  return used / calls
}

/** the process's CPU a call (every thread) with the calls posted `size` at a time, a call a millisecond */
async function postedRound(size: number): Promise<number> {
  const screener = new Screener(active)
  const calls = records.map((r) => {
    const hits = screener.hits(r)
    return toCall(r, screener.verdict(r, hits), hits)
  })
  const thread = shadowThread(candidateFiles, candidate.version, plan, 'bench')
  await thread.warmed()
  // the first 500 untimed: the thread's code optimised first
  const warm = 500
  await thread.screen(shadowCallsJson(calls.slice(0, warm)))
  const start = process.cpuUsage()
  const replies: Promise<unknown>[] = []
  for (let i = warm; i < calls.length; i += size) {
    replies.push(thread.screen(shadowCallsJson(calls.slice(i, i + size))))
    await new Promise((resolve) => setTimeout(resolve, size))
  }
  await Promise.all(replies)
  const used = micros(process.cpuUsage(start))
  thread.close()
  return used / (calls.length - warm)
}

if (values['post-sizes']) {
  for (const size of values['post-sizes'].split(',').map(Number)) {
    console.log(`posted ${size} a message: ${(await postedRound(size)).toFixed(1)} µs of process CPU a call (the shadow's screening and the hand-off, both threads)`)
  }
  process.exit(0)
}

const a: number[] = []
const b: number[] = []
const c: number[] = []
for (let i = 0; i < Number(values.rounds); i++) {
  a.push(round(false))
  b.push(round(true))
  c.push(await threadedRound())
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
console.log(`active screening ${median(a).toFixed(1)} µs a call; with the shadow ${median(b).toFixed(1)} µs (+${(median(b) - median(a)).toFixed(1)} µs); rounds ${a.map((x) => x.toFixed(0)).join(' ')} / ${b.map((x) => x.toFixed(0)).join(' ')}`)
console.log(`with the shadow on its thread, the main thread's CPU ${median(c).toFixed(1)} µs a call (+${(median(c) - median(a)).toFixed(1)} µs); rounds ${c.map((x) => x.toFixed(0)).join(' ')}`)
