import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { init } from './0001-init.ts'
import { uploadText } from './0002-upload-text.ts'
import { caseDetail } from './0003-case-detail.ts'
import { realtimeState } from './0004-realtime-state.ts'
import { alertIndexes } from './0005-alert-indexes.ts'
import { owners } from './0006-owners.ts'
import { transferIds } from './0007-transfer-ids.ts'
import { alertFeed } from './0008-alert-feed.ts'
import { auditChain } from './0009-audit-chain.ts'
import { batchQueue } from './0010-batch-queue.ts'
import { caseIds } from './0014-case-ids.ts'
import { evidenceRecords } from './0015-evidence-records.ts'
import { realtimeCases } from './0016-realtime-cases.ts'
import { dispositions } from './0017-dispositions.ts'
import { caseTenants } from './0018-case-tenants.ts'
import { historyBacktests } from './0019-history-backtests.ts'
import { shadowVerdicts } from './0027-shadow-verdicts.ts'
import { shadowOutputText } from './0028-shadow-output-text.ts'

// a static map, because Workers cannot list a folder; names sort in the order they apply
export const migrations: Record<string, Migration> = {
  '0001-init': init,
  '0002-upload-text': uploadText,
  '0003-case-detail': caseDetail,
  '0004-realtime-state': realtimeState,
  '0005-alert-indexes': alertIndexes,
  '0006-owners': owners,
  '0007-transfer-ids': transferIds,
  '0008-alert-feed': alertFeed,
  '0009-audit-chain': auditChain,
  '0010-batch-queue': batchQueue,
  '0014-case-ids': caseIds,
  '0015-evidence-records': evidenceRecords,
  '0016-realtime-cases': realtimeCases,
  '0017-dispositions': dispositions,
  '0018-case-tenants': caseTenants,
  '0019-history-backtests': historyBacktests,
  '0027-shadow-verdicts': shadowVerdicts,
  '0028-shadow-output-text': shadowOutputText,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** the migrations in the order they apply, up to and including `last` (for upgrade tests) */
export function migrationsUpTo(last: string): Record<string, Migration> {
  return Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= last))
}

/** Brings the schema up to date; safe to call from several processes at once (kysely takes a lock). */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // name the schema: unnamed, kysely finds its bookkeeping tables in any schema of the database
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const migrationTableSchema = rows[0]?.schema ?? 'public'
  // numbers are handed out in ranges to work merged later, so a store may have run a higher number before a lower
  // one arrives: each migration stands alone, and one not yet run is run whatever its place
  const { error, results } = await new Migrator({ db, provider, migrationTableSchema, allowUnorderedMigrations: true }).migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName
    throw new Error(`migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    })
  }
}
