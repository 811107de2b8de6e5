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
  evidence_records: EvidenceRecordTable
  realtime_evidence_records: RealtimeEvidenceRecordTable
  realtime_case_progress: RealtimeCaseProgressTable
  entity_events: EntityEventTable
  api_keys: ApiKeyTable
  audit_log: AuditLogTable
  dispositions: DispositionTable
  screened_records: ScreenedRecordTable
  backtests: BacktestTable
  shadow_verdicts: ShadowVerdictTable
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

/**
 * A batch's counts as stored: outOfOrder and duplicateIds are absent in older rows; bytes is the input read so
 * far; duplicateSample holds the first transfer ids that came more than once.
 */
export type BatchCounts = Omit<PublicBatchCounts, 'outOfOrder' | 'duplicateIds'> & {
  outOfOrder?: number
  duplicateIds?: number
  duplicateSample?: string[]
  bytes?: number
}

export interface BatchTable {
  id: string
  status: BatchStatus
  format: InputFormat
  mode: 'async' | 'stream'
  ruleset: string
  /** unique per owner key, so one caller cannot claim or replay another's */
  idempotency_key: string | null
  created_by: string | null
  /** the id of the API key that uploaded it: a screen key sees only its own batches */
  owner_key: string | null
  tenant: ColumnType<string, string | undefined, string>
  /** SHA-256 of the upload, once it is whole: a different body under the same Idempotency-Key is refused */
  fingerprint: string | null
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
  tenant: ColumnType<string, string | undefined, string>
  /** the API key that asked, for real-time calls */
  key_id: ColumnType<string | null, string | null | undefined, string | null>
  /** the writing transaction's id (xid8, as text): the alerts feed's order */
  tx: ColumnType<string, never, never>
  created_at: CreatedAt
}

export interface CaseTable {
  id: Serial
  // the case's stable id, as the core makes it
  case_id: string
  // null for a case of real-time alerts
  batch_id: string | null
  // whose case it is: the batch's tenant, or the real-time alerts' tenant
  tenant: ColumnType<string, string | undefined, string>
  entity: string
  rules: string[]
  typologies: string[]
  alerts: number
  score: number
  max_score: number
  decision: 'review' | 'block'
  transfers: Json<string[]>
  evidence: Json<string[]>
  first_seen: string
  last_seen: string
}

export interface EvidenceRecordTable {
  batch_id: string
  record_id: string
  record: Json<unknown>
  keep_until: Timestamp
}

export interface RealtimeEvidenceRecordTable {
  tenant: ColumnType<string, string | undefined, string>
  record_id: string
  record: Json<unknown>
  keep_until: Timestamp
}

export interface RealtimeCaseProgressTable {
  id: ColumnType<number, number, never>
  // the last real-time verdict row rolled up into cases
  last_verdict: BigInt8
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
  /** whose data the key sees: analyst and admin keys see their tenant's batches and alerts */
  tenant: ColumnType<string, string | undefined, string>
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface AuditLogTable {
  id: Serial
  at: CreatedAt
  actor: string
  action: string
  target: string
  details: Json<Record<string, unknown>>
  /** position in the hash chain, the hash of the entry before and this entry's own: set by the insert trigger */
  seq: ColumnType<string | number | bigint, never, never>
  prev_hash: ColumnType<string, never, never>
  hash: ColumnType<string, never, never>
}

export type DispositionOutcome = 'true_positive' | 'false_positive' | 'reported'

export interface DispositionTable {
  id: Serial
  tenant: ColumnType<string, string | undefined, string>
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

/** A screened record kept for backtests: 'realtime' or the batch it came in, and its place there. */
export interface ScreenedRecordTable {
  id: Serial
  tenant: string
  source: string
  seq: number | null
  record_id: string
  occurred_at: Timestamp
  record: Json<unknown>
  screened_at: CreatedAt
}

export type BacktestStatus = 'queued' | 'running' | 'done' | 'failed'

export interface BacktestTable {
  id: string
  tenant: string
  status: BacktestStatus
  /** the active version when the backtest was asked for, and the version it tries */
  base: string
  candidate: string
  params: Json<Record<string, unknown>>
  progress: Json<{ records: number; total: number }>
  report: ColumnType<unknown, string | null | undefined, string | null>
  error: ColumnType<{ code: string; message: string } | null, string | null | undefined, string | null>
  created_by: string
  created_at: CreatedAt
  started_at: Timestamp | null
  finished_at: Timestamp | null
  heartbeat_at: Timestamp | null
}

/** A shadow rule set's verdict on a real-time call, beside the active set's decision (never returned to callers). */
export interface ShadowVerdictTable {
  id: Serial
  shadow_id: string
  ruleset: string
  active_ruleset: string
  tenant: string
  key_id: string | null
  record_id: string
  decision: string
  score: number
  active_decision: string
  active_score: number
  /** the shadow's verdict as JSON text */
  output: string
  created_at: CreatedAt
}
