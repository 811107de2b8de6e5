// The shadow's child process alone: its CPU a call (every thread of it, /proc) over the bench's synthetic screen
// bodies, the calls made as the service makes them (the record's JSON, the active verdict's JSON or the reused
// rules' hits) and posted in batches at a paced rate (--rate calls a second, a batch every --every ms, as the
// service posts them), no HTTP and no database (the kept rows' JSON is handed back, as under PGlite).
// With --pg the child writes the kept rows to a fresh PostgreSQL database itself (as in the service on PostgreSQL).
// --flags 'F G': node flags for the child (e.g. --single-threaded-gc). With --prof DIR the child writes a V8 CPU profile there (node --cpu-prof) when it ends.
//   npx tsx bench/shadow-child.ts [--candidate tuned|different|review35] [--calls 20000] [--warm 5000] [--rate 1000] [--every 50] [--rounds 3] [--batch N] [--pg] [--flags 'F G'] [--prof DIR]
import { readdirSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { freshDatabase } from '../load/lib/service.ts'
import { openDatabase } from '../src/adapters/node/open-database.ts'
import { processShadowThread } from '../src/adapters/node/shadow-process.ts'
import { Screener, type TransferRecord } from '../src/core/index.ts'
import { sharedHits } from '../src/service/shadow-outcome.ts'
import { decodeOutcomes, shadowCallsJson, type ShadowCallParts } from '../src/service/shadow-thread-port.ts'
import { readScenarios, screenBodies } from '../load/lib/scenarios.ts'
import { candidateFiles, compiledCandidate, type CandidateName } from './shadow-candidates.ts'

const { values } = parseArgs({
  options: {
    candidate: { type: 'string', default: 'tuned' },
    calls: { type: 'string', default: '20000' },
    warm: { type: 'string', default: '5000' },
    rate: { type: 'string', default: '1000' },
    every: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    prof: { type: 'string' },
    batch: { type: 'string' },
    pg: { type: 'boolean', default: false },
    flags: { type: 'string' },
  },
})
const name = values.candidate as CandidateName
const { active, candidate, plan, reuse } = await compiledCandidate(name)
const files = await candidateFiles(name)
const warm = Number(values.warm)
const n = Number(values.calls)
const every = Number(values.every)
const perBatch = values.batch ? Number(values.batch) : Math.max(1, Math.round((Number(values.rate) * every) / 1000))

const next = screenBodies(readScenarios(), 'shadow-child')
const recordJsons = Array.from({ length: warm + n }, () => next())

/** the calls as the service's ShadowRunner.offer makes them, from the active screening */
function callsOf(): ShadowCallParts[] {
  const screener = new Screener(active)
  return recordJsons.map((json) => {
    const record = JSON.parse(json) as TransferRecord
    const hits = screener.hits(record)
    const v = screener.verdict(record, hits)
    const reusing = reuse.size > 0 && hits.length > 0
    const inAnswer = reusing && v.hits === hits
    return {
      recordJson: json,
      decision: v.decision,
      score: v.score,
      ruleset: v.ruleset,
      tenant: 'default',
      keyId: null,
      reused: reusing && !inAnswer ? sharedHits(hits, reuse) : undefined,
      activeJson: inAnswer ? JSON.stringify(v) : undefined,
    }
  })
}

function childCpuSeconds(): number {
  let s = 0
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    let kids: string[] = []
    try {
      kids = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)
    } catch {}
    for (const pid of kids) {
      for (const t of readdirSync(`/proc/${pid}/task`)) {
        const f = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8').split(') ')[1]!.split(' ')
        s += (Number(f[11]) + Number(f[12])) / 100
      }
    }
  }
  return s
}

const calls = callsOf()
// --pg: the child writes the kept rows to a fresh PostgreSQL database over its own connection, as in the service
let databaseUrl: string | undefined
if (values.pg) {
  databaseUrl = await freshDatabase('txscreen_shadow_child')
  const opened = await openDatabase({ kind: 'pg', url: databaseUrl })
  await opened.close()
}
console.log(`candidate ${name}: the shadow runs ${plan.evaluate.length} of ${candidate.rules.length} rules; ${perBatch} calls a message every ${every} ms`)
const results: number[] = []
for (let round = 1; round <= Number(values.rounds); round++) {
  const thread = processShadowThread({ databaseUrl, execArgv: [...(values.flags ? values.flags.split(' ') : []), ...(values.prof ? ['--cpu-prof', `--cpu-prof-dir=${values.prof}`] : [])] })(files, candidate.version, plan, 'bench')
  await thread.warmed()
  // the first `warm` calls untimed: the child's code optimised and its windows filled first
  for (let i = 0; i < warm; i += 500) await thread.screen(shadowCallsJson(calls.slice(i, i + 500)))
  const before = childCpuSeconds()
  const replies: Promise<unknown>[] = []
  let kept = 0
  for (let i = warm; i < calls.length; i += perBatch) {
    replies.push(thread.screen(shadowCallsJson(calls.slice(i, i + perBatch))).then((o) => (kept += decodeOutcomes(o, candidate.rules).filter((x) => x?.json !== undefined).length)))
    if (every > 0) await new Promise((r) => setTimeout(r, every))
  }
  await Promise.all(replies)
  // the rows the child still holds go within a second
  if (databaseUrl) await new Promise((r) => setTimeout(r, 1500))
  const used = childCpuSeconds() - before
  thread.close()
  results.push((used * 1e6) / n)
  console.log(`round ${round}: the shadow's process ${results.at(-1)!.toFixed(1)} µs of CPU a call (every thread), ${kept} of ${n} kept rows handed back (none when it writes them itself)`)
  await new Promise((r) => setTimeout(r, 500))
}
const median = [...results].sort((a, b) => a - b)[Math.floor(results.length / 2)]!
console.log(`median ${median.toFixed(1)} µs a call`)
