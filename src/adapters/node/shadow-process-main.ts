import { compileRuleset } from '../../core/index.ts'
import { observeTransfer } from '../../service/observe-transfer.ts'
import { ShadowScreening, sharedHits } from '../../service/shadow-outcome.ts'
import { ShadowRowWriter } from '../../service/shadow-rows.ts'
import { lowerThisProcessPriority } from './lowest-priority.ts'
import { Kysely } from 'kysely'
import type { Db } from '../../store/db.ts'
import { createPgPool, pgDialect } from '../../store/dialects/pg.ts'
import { encodeOutcomes, type ShadowCall } from '../../service/shadow-thread-port.ts'
import { SHADOW_APPLICATION_NAME, type ShadowProcessReply, type ShadowProcessRequest, type ShadowProcessSetup } from './shadow-process-messages.ts'

// The shadow rule set's process: every thread at the lowest priority; compiles the rule files of its setup, takes
// the warm-up history, then screens the settled calls the parent sends, in order, answering each batch with
// compact outcomes. With a PostgreSQL URL it writes the kept rows itself, over its own connection.
lowerThisProcessPriority()

const send = (reply: ShadowProcessReply) => process.send!(reply)
let screening: ShadowScreening | undefined
/** the rules whose hits are the active screening's */
let reuse: Set<string> | undefined
/** the candidate's rule ids by index, for the compact outcomes */
let rank: Map<string, number> | undefined
let setup: ShadowProcessSetup | undefined
let db: Db | undefined
let rows: ShadowRowWriter | undefined

function start(s: ShadowProcessSetup): void {
  setup = s
  const compiled = compileRuleset(s.files)
  if (!compiled.ok) throw new Error(`shadow rule set ${s.version} did not compile in its process`)
  screening = new ShadowScreening(compiled.ruleset, s.plan)
  rank = new Map(compiled.ruleset.rules.map((r, i) => [r.id, i]))
  reuse = new Set(s.plan.reuse)
}

/**
 * its own connection, one: the rows are written a statement a second. Its commits do not wait for their WAL flush
 * (synchronous_commit off), so they never queue an fsync before the answers' commits; a crash may lose the last
 * second of shadow rows, never an answer's.
 */
function openRows(url: string): ShadowRowWriter {
  const pool = createPgPool({ connectionString: url, max: 1 })
  // named, so that pg_stat_activity (and bench/shadow.ts) tells its backend from the service's
  pool.on('connect', (client) => void client.query(`set synchronous_commit to off; set application_name to '${SHADOW_APPLICATION_NAME}'`).catch(() => {}))
  db = new Kysely({ dialect: pgDialect(pool) })
  return new ShadowRowWriter(db, (line) => send({ log: line }))
}

process.on('message', (msg: ShadowProcessRequest) => {
  if ('setup' in msg) {
    start(msg.setup)
    if (msg.setup.databaseUrl) rows = openRows(msg.setup.databaseUrl)
    return
  }
  if ('observe' in msg) {
    for (const record of msg.observe) observeTransfer(screening!.screener, record)
    return
  }
  if ('warmed' in msg) return send({ warmed: true })
  const s = setup!
  const calls = JSON.parse(msg.calls) as ShadowCall[]
  const outcomes = calls.map((call) => {
    const outcome = screening!.outcome(call.record, call.decision, call.reused ?? (call.active && sharedHits(call.active.hits, reuse!)))
    if (!rows || outcome?.json === undefined) return outcome
    rows.add({
      shadowId: s.shadowId,
      ruleset: s.version,
      activeRuleset: call.ruleset,
      tenant: call.tenant,
      keyId: call.keyId,
      recordId: call.record.id,
      decision: outcome.decision,
      score: outcome.score,
      activeDecision: call.decision,
      activeScore: call.score,
      outputJson: outcome.json,
    })
    const { json: _, ...compact } = outcome
    return compact
  })
  send({ outcomes: { ...encodeOutcomes(outcomes, rank!), unstored: rows?.unsaved ?? 0 } })
})

// the parent closed the channel (the shadow ended, or the service stopped): write the last rows and end
process.on('disconnect', () => {
  void (async () => {
    await rows?.close()
    await db?.destroy()
    process.exit(0)
  })()
})
