import type { Executor } from './db.ts'

export interface AuditEntry {
  id: string
  at: string
  actor: string
  action: string
  target: string
  details: Record<string, unknown>
}

/** Appends to the audit log; called inside the transaction that makes the change, so both land or neither. */
export async function audit(
  db: Executor,
  entry: { actor: string; action: string; target: string; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ actor: entry.actor, action: entry.action, target: entry.target, details: JSON.stringify(entry.details ?? {}) })
    .execute()
}

export async function listAudit(db: Executor, limit = 100): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute()
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    target: r.target,
    details: r.details,
  }))
}
