import { sql } from 'kysely'
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

export type ChainCheck = { ok: true; entries: number; head: string } | { ok: false; entries: number; at: string; problem: string }

const VERIFY_PAGE = 5_000

/**
 * Walks the audit chain in order and recomputes every hash: each entry must follow the one before (seq one more,
 * prev_hash its hash) and hash to what it stores. The first entry that does not is reported; `head` is the last
 * hash, worth writing down elsewhere, since whoever can rewrite the table can also rewrite the whole chain.
 */
export async function verifyAuditChain(db: Executor): Promise<ChainCheck> {
  let prev = ''
  let seq = 0
  for (;;) {
    const { rows } = await sql<{ id: string; seq: string; prev_hash: string; hash: string; expected: string }>`
      select id::text as id, seq::text as seq, prev_hash, hash,
        audit_entry_hash(prev_hash, seq, at, actor, action, target, details) as expected
      from audit_log where seq > ${seq} order by seq limit ${VERIFY_PAGE}`.execute(db)
    for (const r of rows) {
      const broken =
        Number(r.seq) !== seq + 1 ? `entry ${seq + 1} of the chain is missing` : r.prev_hash !== prev ? 'does not follow the entry before it' : r.hash !== r.expected ? 'does not match its hash' : undefined
      if (broken) return { ok: false, entries: seq, at: r.id, problem: `audit entry ${r.id} ${broken}` }
      prev = r.hash
      seq++
    }
    if (rows.length < VERIFY_PAGE) return { ok: true, entries: seq, head: prev }
  }
}
