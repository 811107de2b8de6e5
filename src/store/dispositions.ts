import { sql, type Selectable } from 'kysely'
import { audit } from './audit.ts'
import type { Db, Executor } from './db.ts'
import type { DispositionOutcome, DispositionTable } from './schema.ts'

export type DispositionTarget = 'alert' | 'case'

/** What a disposition marks: an alert or a case, with the transfers, rules and typologies it stands for. */
export interface Marked {
  tenant: string
  kind: DispositionTarget
  id: string
  transfers: string[]
  rules: string[]
  typologies: string[]
  alertedAt: string
}

export interface Disposition {
  id: string
  target: { kind: DispositionTarget; id: string }
  outcome: DispositionOutcome
  note: string
  transfers: string[]
  rules: string[]
  typologies: string[]
  actor: string
  at: string
}

/** Records an analyst's outcome for an alert or a case, and audits it in the same transaction. */
export async function recordDisposition(
  db: Db,
  marked: Marked,
  mark: { outcome: DispositionOutcome; note: string; actor: string },
): Promise<Disposition> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('dispositions')
      .values({
        tenant: marked.tenant,
        target_kind: marked.kind,
        target_id: marked.id,
        outcome: mark.outcome,
        note: mark.note,
        transfers: JSON.stringify(marked.transfers),
        rules: marked.rules,
        typologies: marked.typologies,
        alerted_at: marked.alertedAt,
        actor: mark.actor,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(tx, { actor: mark.actor, action: `${marked.kind}.disposition`, target: marked.id, details: { outcome: mark.outcome, note: mark.note } })
    return toDisposition(row)
  })
}

/** Every disposition of one of the tenant's alerts or cases, oldest first: the last is the one that counts. */
export async function dispositionsOf(db: Executor, tenant: string, kind: DispositionTarget, id: string): Promise<Disposition[]> {
  const rows = await db
    .selectFrom('dispositions')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('target_kind', '=', kind)
    .where('target_id', '=', id)
    .orderBy('id')
    .execute()
  return rows.map(toDisposition)
}

/** The latest disposition of every alert and case of the tenant, oldest first. */
export async function latestDispositions(db: Executor, tenant: string): Promise<Disposition[]> {
  const rows = await db
    .selectFrom('dispositions')
    .selectAll()
    .where('tenant', '=', tenant)
    .distinctOn(['target_kind', 'target_id'])
    .orderBy('target_kind')
    .orderBy('target_id')
    .orderBy('id', 'desc')
    .execute()
  return rows.map(toDisposition).sort((a, b) => Number(a.id) - Number(b.id))
}

/**
 * Dispositions as ground truth in labels.csv form (id,is_illicit,instance_id,typology), for `txscreen eval` and
 * `txscreen rules diff`: every transfer of a marked alert or case, illicit unless marked false positive; the
 * instance is the alert or case. A transfer marked more than once takes its latest mark.
 */
export async function dispositionLabels(db: Executor, tenant: string): Promise<string> {
  const byTransfer = new Map<string, string>()
  for (const d of await latestDispositions(db, tenant)) {
    const illicit = d.outcome === 'false_positive' ? '0' : '1'
    const typology = d.typologies[0] ?? ''
    for (const t of d.transfers) {
      byTransfer.delete(t)
      byTransfer.set(t, [csvField(t), illicit, illicit === '1' ? csvField(`${d.target.kind}:${d.target.id}`) : '', illicit === '1' ? csvField(typology) : ''].join(','))
    }
  }
  return `id,is_illicit,instance_id,typology\n${[...byTransfer.values()].map((l) => `${l}\n`).join('')}`
}

export type Period = 'day' | 'week' | 'month'

export interface RuleOutcomes {
  rule: string
  period: string
  alerts: number
  truePositive: number
  falsePositive: number
  reported: number
  /** alerts per report in the period, null when none was reported */
  alertsPerReport: number | null
}

/**
 * Per rule and period (by the time the alert was raised): alerts stored, and the latest dispositions of alerts and
 * cases that carry the rule, by outcome.
 */
export async function ruleOutcomes(db: Executor, tenant: string, period: Period, from: string, to: string): Promise<RuleOutcomes[]> {
  const unit = sql.lit(period)
  const alerts = await db
    .selectFrom('verdicts')
    .select([sql<string>`unnest(rules)`.as('rule'), sql<Date>`date_trunc(${unit}, coalesce(occurred_at, created_at))`.as('period'), sql<string>`count(*)`.as('n')])
    .where('decision', 'in', ['review', 'block'])
    .where('tenant', '=', tenant)
    .where(sql<boolean>`coalesce(occurred_at, created_at) >= ${new Date(from)}`)
    .where(sql<boolean>`coalesce(occurred_at, created_at) < ${new Date(to)}`)
    .groupBy([sql`1`, sql`2`])
    .execute()
  const latest = db
    .selectFrom('dispositions')
    .select(['outcome', 'rules', 'alerted_at'])
    .distinctOn(['target_kind', 'target_id'])
    .where('tenant', '=', tenant)
    .where('alerted_at', '>=', new Date(from))
    .where('alerted_at', '<', new Date(to))
    .orderBy('target_kind')
    .orderBy('target_id')
    .orderBy('id', 'desc')
    .as('latest')
  const marks = await db
    .selectFrom(latest)
    .select([sql<string>`unnest(latest.rules)`.as('rule'), sql<Date>`date_trunc(${unit}, latest.alerted_at)`.as('period'), 'outcome', sql<string>`count(*)`.as('n')])
    .groupBy([sql`1`, sql`2`, 'outcome'])
    .execute()
  const out = new Map<string, RuleOutcomes>()
  const entry = (rule: string, at: Date) => {
    const key = `${rule}\u0000${at.toISOString()}`
    let e = out.get(key)
    if (!e) out.set(key, (e = { rule, period: at.toISOString(), alerts: 0, truePositive: 0, falsePositive: 0, reported: 0, alertsPerReport: null }))
    return e
  }
  for (const a of alerts) entry(a.rule, new Date(a.period)).alerts = Number(a.n)
  for (const m of marks) {
    const e = entry(m.rule, new Date(m.period))
    if (m.outcome === 'true_positive') e.truePositive = Number(m.n)
    else if (m.outcome === 'false_positive') e.falsePositive = Number(m.n)
    else e.reported = Number(m.n)
  }
  for (const e of out.values()) e.alertsPerReport = e.reported > 0 ? e.alerts / e.reported : null
  return [...out.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.period.localeCompare(b.period))
}

function toDisposition(r: Selectable<DispositionTable>): Disposition {
  return {
    id: String(r.id),
    target: { kind: r.target_kind, id: r.target_id },
    outcome: r.outcome,
    note: r.note,
    transfers: r.transfers,
    rules: r.rules,
    typologies: r.typologies,
    actor: r.actor,
    at: r.at.toISOString(),
  }
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
