// What the event loop pays to hand a batch of settled calls to the shadow's process and to take the outcomes back,
// without the process: the message as the `advanced` IPC serialization makes it (v8.serialize) and the reply as
// it reads it (v8.deserialize), then the tally. "objects": the calls as objects (the record cloned field by
// field) and the outcomes as objects with the rules' names, as before shadow25; "json": the calls as one string
// spliced from the record's JSON the history row already has, the outcomes as numbers. Alternating rounds of the
// bench's synthetic calls screened by the default pack and a candidate; this process's CPU a call, medians.
//   npx tsx bench/shadow-handoff.ts [--candidate tuned] [--calls 20000] [--batch 50] [--rounds 7]
import { parseArgs } from 'node:util'
import { deserialize, serialize } from 'node:v8'
import { Screener, type TransferRecord } from '../src/core/index.ts'
import { ComparisonTally } from '../src/service/shadow-comparison.ts'
import { ShadowScreening, sharedHits } from '../src/service/shadow-outcome.ts'
import { decodeOutcomes, encodeOutcomes, shadowCallsJson, type ShadowCallParts, type ShadowOutcome } from '../src/service/shadow-thread-port.ts'
import { readScenarios, screenBodies } from '../load/lib/scenarios.ts'
import { compiledCandidate, type CandidateName } from './shadow-candidates.ts'

const { values } = parseArgs({ options: { calls: { type: 'string', default: '20000' }, batch: { type: 'string', default: '50' }, rounds: { type: 'string', default: '7' }, candidate: { type: 'string', default: 'tuned' } } })
const candidateName = values.candidate as CandidateName
const { active, candidate, plan, reuse } = await compiledCandidate(candidateName)
const rank = new Map(candidate.rules.map((r, i) => [r.id, i]))
const screener = new Screener(active)
const shadow = new ShadowScreening(candidate, plan)
const next = screenBodies(readScenarios(), 'shadow-handoff')

// each call as the runner has it, and the shadow's outcome as its process makes it (the rows written there: no JSON back)
interface Call {
  record: TransferRecord
  parts: ShadowCallParts
  side: { id: string; decision: ShadowCallParts['decision']; score: number; activeRules: string[] }
  outcome: ShadowOutcome | undefined
}
const calls: Call[] = []
for (let i = 0; i < Number(values.calls); i++) {
  const record = JSON.parse(next()) as TransferRecord
  const hits = screener.hits(record)
  const v = screener.verdict(record, hits)
  const reused = sharedHits(hits, reuse)
  const o = shadow.outcome(record, v.decision, reused)
  if (o) delete o.json
  calls.push({
    record,
    parts: { recordJson: JSON.stringify(record), decision: v.decision, score: v.score, ruleset: v.ruleset, tenant: 'default', keyId: null, reused: v.hits === hits ? undefined : reused, activeJson: v.hits === hits && reused ? JSON.stringify(v) : undefined },
    side: { id: v.id, decision: v.decision, score: v.score, activeRules: v.hits.map((h) => h.rule) },
    outcome: o,
  })
}
const batch = Number(values.batch)
// the replies as the process sends them, made before the clock starts (the process's work is not this one's)
const objectReplies: Buffer[] = []
const numberReplies: Buffer[] = []
for (let i = 0; i < calls.length; i += batch) {
  const outcomes = calls.slice(i, i + batch).map((c) => c.outcome)
  objectReplies.push(serialize({ outcomes }))
  numberReplies.push(serialize({ outcomes: encodeOutcomes(outcomes, rank) }))
}

const cpu = () => {
  const u = process.cpuUsage()
  return u.user + u.system
}
let sink = 0
function round(form: 'objects' | 'json'): number {
  const tally = new ComparisonTally()
  const start = cpu()
  for (let i = 0, b = 0; i < calls.length; i += batch, b++) {
    const slice = calls.slice(i, i + batch)
    if (form === 'objects') {
      const message = serialize({
        calls: slice.map((c) => ({ record: c.record, decision: c.parts.decision, score: c.parts.score, ruleset: c.parts.ruleset, tenant: c.parts.tenant, keyId: c.parts.keyId, ...(c.parts.reused && { reused: c.parts.reused }) })),
      })
      sink += message.length
      const { outcomes } = deserialize(objectReplies[b]!) as { outcomes: (ShadowOutcome | undefined)[] }
      outcomes.forEach((o, k) => o && tally.add(slice[k]!.side, o, 0))
    } else {
      const message = serialize({ calls: shadowCallsJson(slice.map((c) => c.parts)) })
      sink += message.length
      const { outcomes } = deserialize(numberReplies[b]!) as { outcomes: Parameters<typeof decodeOutcomes>[0] }
      decodeOutcomes(outcomes, candidate.rules).forEach((o, k) => o && tally.add(slice[k]!.side, o, 0))
    }
  }
  return (cpu() - start) / calls.length
}

const results = { objects: [] as number[], json: [] as number[] }
round('objects')
round('json')
for (let r = 0; r < Number(values.rounds); r++) {
  results.objects.push(round('objects'))
  results.json.push(round('json'))
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
for (const [form, us] of Object.entries(results)) console.log(`${form}: ${median(us).toFixed(2)} µs a call (rounds ${us.map((x) => x.toFixed(2)).join(' ')})`)
if (sink < 0) console.log(sink)
