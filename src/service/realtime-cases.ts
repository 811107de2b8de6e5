import { CaseBook, systemClock } from '../core/index.ts'
import { appendToRealtimeCases, openRealtimeCaseHeads, saveRealtimeCases } from '../store/cases.ts'
import type { Executor } from '../store/db.ts'
import {
  keepRealtimeEvidenceOfCases,
  lockRealtimeCaseProgress,
  realtimeAlertsAfter,
  realtimeTransferFacts,
  setRealtimeCaseProgress,
  type RealtimeAlert,
  type RealtimeTransferFacts,
} from '../store/realtime-cases.ts'
import type { ServiceDeps } from './deps.ts'

const DAY_MS = 24 * 3600_000
/** a real-time case takes new alerts of its entity until it has had none for this long; then a new case starts */
export const REALTIME_CASE_QUIET_MS = 30 * DAY_MS
/** the scope of real-time case ids (a batch's cases use the batch id) */
const REALTIME_SCOPE = 'realtime'
const ALERTS_PER_STEP = 500
/** alerts younger than this are left for the next roll-up (see realtimeAlertsAfter) */
const SETTLE_MS = 10_000

/**
 * Rolls the real-time alerts stored since the last roll-up into cases, as a batch's cases are made: by the
 * entities their hits name, each case growing while its entity keeps alerting; each tenant has its own cases. The records in the cases'
 * evidence are copied out of the real-time history (which is pruned) and kept for the configured retention.
 * Runs in steps of one transaction each, locked, so that several processes may call it. Returns the alerts
 * rolled up.
 */
export async function rollUpRealtimeCases(deps: ServiceDeps, settleMs = SETTLE_MS): Promise<number> {
  let total = 0
  for (;;) {
    const n = await deps.db.transaction().execute(async (tx) => {
      const after = await lockRealtimeCaseProgress(tx)
      const alerts = await realtimeAlertsAfter(tx, after, ALERTS_PER_STEP, settleMs)
      if (alerts.length === 0) return 0
      const records = await realtimeTransferFacts(tx, alerts.flatMap((a) => a.keys), alerts.map((a) => a.verdict.id))
      let latest = Number.NEGATIVE_INFINITY
      for (const r of records.values()) latest = Math.max(latest, Date.parse(r.timestamp))
      const openSince = new Date((Number.isFinite(latest) ? latest : (deps.clock ?? systemClock).now()) - REALTIME_CASE_QUIET_MS).toISOString()
      const keepUntil = new Date((deps.clock ?? systemClock).now() + deps.config.evidenceRetentionDays * DAY_MS)
      // one case book per tenant: a tenant's alerts never join another tenant's case
      for (const tenant of new Set(alerts.map((a) => a.tenant))) {
        await rollUpTenant(tx, tenant, alerts.filter((a) => a.tenant === tenant), records, openSince, keepUntil)
      }
      await setRealtimeCaseProgress(tx, alerts[alerts.length - 1]!.row)
      return alerts.length
    })
    total += n
    if (n < ALERTS_PER_STEP) return total
  }
}

/**
 * Adds one tenant's alerts to its open real-time cases (or new ones) and keeps their evidence records. An open
 * case's transfer and evidence lists (up to 200 and 1,000 ids) stay in the database: only the ids the alerts add
 * are sent, and appended there.
 */
async function rollUpTenant(
  tx: Executor,
  tenant: string,
  alerts: readonly RealtimeAlert[],
  records: ReadonlyMap<string, RealtimeTransferFacts>,
  openSince: string,
  keepUntil: Date,
): Promise<void> {
  // the scope goes into case ids, which are unique across tenants
  const book = new CaseBook(`${REALTIME_SCOPE}:${tenant}`)
  const entitiesOf = (a: RealtimeAlert, record: RealtimeTransferFacts | undefined) => a.verdict.hits.map((h) => h.evidence.entity ?? `id:${record?.senderId ?? ''}`)
  const entities = [...new Set(alerts.flatMap((a) => entitiesOf(a, records.get(a.verdict.id))))]
  for (const c of await openRealtimeCaseHeads(tx, tenant, entities, openSince)) book.resumeWithoutLists(c)
  for (const a of alerts) {
    const record = records.get(a.verdict.id)
    // a record pruned before the roll-up saw it cannot place its alert in time: it is passed over
    if (!record) continue
    book.add(a.verdict, new Date(Date.parse(record.timestamp)).toISOString(), `id:${record.senderId}`)
  }
  const cases = book.list()
  await saveRealtimeCases(tx, tenant, cases.filter((c) => !book.appends(c.entity)))
  await appendToRealtimeCases(tx, tenant, cases.filter((c) => book.appends(c.entity)))
  // evidence transfers were in the windows of the case's entity: stored under its key
  await keepRealtimeEvidenceOfCases(tx, tenant, cases.map((c) => c.id), keepUntil)
}
