import type { ColumnType } from 'kysely'
import type { BatchCounts as PublicBatchCounts, BatchStatus, InputFormat } from '../core/index.ts'

/** The only table types: every query in src/store is checked against this interface. */
export interface Database {
  ruleset_versions: RulesetVersionTable
  active_ruleset: ActiveRulesetTable
  batches: BatchTable
  batch_uploads: BatchUploadTable
  verdicts: VerdictTable
  cases: CaseTable
  entity_events: EntityEventTable
  api_keys: ApiKeyTable
  audit_log: AuditLogTable
  dispositions: DispositionTable
}

type Timestamp = ColumnType<Date, Date | string, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
// json columns are written as text (both drivers agree on that) and read back parsed
type Json<T> = ColumnType<T, string, string>
// bigint comes back as text from pg and as a number or bigint from PGlite: read through Number()/String()
type BigInt8 = ColumnType<string | number | bigint, number | undefined, number>
type Serial = ColumnType<string | number | bigint, never, never>

export interface RuleSourceFile {
  path: string
  text: string
}

export interface RulesetVersionTable {
  version: string
  files: Json<RuleSourceFile[]>
  max_window_ms: BigInt8
  created_at: CreatedAt
  created_by: string | null
}

export interface ActiveRulesetTable {
  // a single row: id is always 1
  id: ColumnType<number, number, never>
  version: string
  activated_at: Timestamp
  activated_by: string | null
}

export type { BatchStatus }

/** A batch's counts as stored: outOfOrder is absent in older rows; bytes is the input read so far. */
export type BatchCounts = Omit<PublicBatchCounts, 'outOfOrder'> & { outOfOrder?: number; bytes?: number }

export interface BatchTable {
  id: string
  status: BatchStatus
  format: InputFormat
  mode: 'async' | 'stream'
  ruleset: string
  idempotency_key: string | null
  created_by: string | null
  upload_bytes: BigInt8
  upload_chunks: ColumnType<number, number | undefined, number>
  counts: Json<BatchCounts>
  error: ColumnType<{ code: string; message: string } | null, string | null | undefined, string | null>
  created_at: CreatedAt
  started_at: Timestamp | null
  finished_at: Timestamp | null
  heartbeat_at: Timestamp | null
}

export interface BatchUploadTable {
  batch_id: string
  seq: number
  // the upload's text, in order; a piece never splits a character
  data: string
}

export interface VerdictTable {
  id: Serial
  // null for real-time screening calls
  batch_id: string | null
  seq: number | null
  line: number | null
  record_id: string | null
  decision: 'clear' | 'review' | 'block' | null
  score: number | null
  ruleset: string
  // the verdict or line error exactly as returned to the client
  output: Json<unknown>
  rules: string[]
  typologies: string[]
  entities: string[]
  occurred_at: Timestamp | null
  created_at: CreatedAt
}

export interface CaseTable {
  id: Serial
  batch_id: string
  entity: string
  rules: string[]
  typologies: string[]
  alerts: number
  score: number
  max_score: number
  decision: 'review' | 'block'
  transfers: Json<string[]>
  first_seen: string
  last_seen: string
}

export interface EntityEventTable {
  id: Serial
  key: string
  // one id per screened transfer: a transfer is stored once per key it touches
  event_id: string
  occurred_at: Timestamp
  record: Json<unknown>
  created_at: CreatedAt
}

export type Role = 'screen' | 'analyst' | 'admin'

export interface ApiKeyTable {
  id: string
  name: string
  role: Role
  prefix: string
  hash: string
  created_at: CreatedAt
  created_by: string | null
  revoked_at: Timestamp | null
}

export interface AuditLogTable {
  id: Serial
  at: CreatedAt
  actor: string
  action: string
  target: string
  details: Json<Record<string, unknown>>
}

export type DispositionOutcome = 'true_positive' | 'false_positive' | 'reported'

export interface DispositionTable {
  id: Serial
  target_kind: 'alert' | 'case'
  target_id: string
  outcome: DispositionOutcome
  note: ColumnType<string, string | undefined, string>
  transfers: Json<string[]>
  rules: string[]
  typologies: string[]
  alerted_at: Timestamp
  actor: string
  at: CreatedAt
}
