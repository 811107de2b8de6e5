import { sql } from 'kysely'
import type { Executor } from './db.ts'
import type { RuleSourceFile } from './schema.ts'

export interface RulesetVersionInfo {
  version: string
  files: string[]
  maxWindowMs: number
  createdAt: string
  createdBy: string | null
  active: boolean
}

/** Stores a rule-set version; versions are content hashes, so saving the same content twice is a no-op. */
export async function saveRulesetVersion(
  db: Executor,
  input: { version: string; files: RuleSourceFile[]; maxWindowMs: number; createdBy: string | null },
): Promise<{ created: boolean }> {
  const result = await db
    .insertInto('ruleset_versions')
    .values({
      version: input.version,
      files: JSON.stringify(input.files),
      max_window_ms: input.maxWindowMs,
      created_by: input.createdBy,
    })
    .onConflict((oc) => oc.column('version').doNothing())
    .executeTakeFirst()
  return { created: Number(result.numInsertedOrUpdatedRows ?? 0n) > 0 }
}

export async function getRulesetFiles(db: Executor, version: string): Promise<RuleSourceFile[] | undefined> {
  const row = await db.selectFrom('ruleset_versions').select('files').where('version', '=', version).executeTakeFirst()
  return row?.files
}

export async function activeRulesetVersion(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('active_ruleset').select('version').where('id', '=', 1).executeTakeFirst()
  return row?.version
}

/** Points the service at a stored version in one statement, as of `at` (epoch ms); batches already running keep theirs. */
export async function activateRuleset(db: Executor, version: string, actor: string | null, at: number): Promise<void> {
  await db
    .insertInto('active_ruleset')
    .values({ id: 1, version, activated_at: new Date(at), activated_by: actor })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        version: eb.ref('excluded.version'),
        activated_at: eb.ref('excluded.activated_at'),
        activated_by: eb.ref('excluded.activated_by'),
      })),
    )
    .execute()
}

export async function listRulesetVersions(db: Executor): Promise<RulesetVersionInfo[]> {
  const active = await activeRulesetVersion(db)
  const rows = await db
    .selectFrom('ruleset_versions')
    .select(['version', 'files', 'max_window_ms', 'created_at', 'created_by'])
    .orderBy('created_at', 'desc')
    .orderBy('version')
    .execute()
  return rows.map((r) => ({
    version: r.version,
    files: r.files.map((f) => f.path),
    maxWindowMs: Number(r.max_window_ms),
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    active: r.version === active,
  }))
}

/**
 * The distinct keys that approved activating `version` since it was last activated: approvals are audit
 * entries (`ruleset.approve`, the key in details.keyId), so they are append-only and chained like the rest.
 */
export async function approversSinceActivation(db: Executor, version: string): Promise<string[]> {
  const { rows } = await sql<{ key_id: string }>`
    select distinct details->>'keyId' as key_id from audit_log
    where action = 'ruleset.approve' and target = ${version}
      and seq > coalesce((select max(seq) from audit_log where action = 'ruleset.activate' and target = ${version}), 0)`.execute(db)
  return rows.map((r) => r.key_id).sort()
}
