import { z } from 'zod'
import { PartySchema, TransferRecordSchema, type Case, type LineError, type RuleIssue, type Verdict } from '../core/index.ts'
import { ROLES } from '../store/api-keys.ts'

/** Named schemas of the API: bodies are validated with them and /openapi.json is generated from them. */

export const HitSchema = z.object({
  rule: z.string(),
  version: z.number(),
  typology: z.string(),
  score: z.number().describe("this hit's contribution to the verdict score"),
  modifier: z.boolean().describe('modifiers add to a score only when a primary rule fired'),
  reason: z.string(),
  evidence: z.object({
    entity: z.string().optional(),
    measure: z.string(),
    value: z.number(),
    window: z.string().optional(),
    transfers: z.array(z.string()),
    matches: z.array(z.object({ list: z.string(), entry: z.string(), matched: z.string(), score: z.number() })).optional(),
  }),
})

export const VerdictSchema = z.object({
  id: z.string().describe('the transfer id'),
  score: z.number().describe('0-100'),
  decision: z.enum(['clear', 'review', 'block']),
  hits: z.array(HitSchema),
  ruleset: z.string().describe('the rule-set version that decided'),
})

export const LineErrorSchema = z.object({
  line: z.number().int(),
  id: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string(), path: z.string().optional() }),
})

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
})

export const BatchSchema = z.object({
  id: z.string(),
  status: z.enum(['receiving', 'queued', 'running', 'completed', 'failed']),
  format: z.enum(['ndjson', 'csv']),
  mode: z.enum(['async', 'stream']),
  ruleset: z.string().describe('the rule-set version the batch is screened with, fixed when it was created'),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  counts: z.object({
    records: z.number(),
    clear: z.number(),
    review: z.number(),
    block: z.number(),
    errors: z.number(),
    outOfOrder: z
      .number()
      .describe("records more than the ruleset's lateness behind the latest transfer time before them: windows saw them out of time order; sort the upload by timestamp"),
  }),
  progress: z.object({
    bytesRead: z.number(),
    bytesTotal: z.number().nullable().describe('known once an asynchronous upload is stored'),
    fraction: z.number().nullable(),
  }),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  links: z.object({ self: z.string(), verdicts: z.string(), cases: z.string() }),
})

export const CaseSchema = z.object({
  entity: z.string().describe('the state key everything in the case alerted on, e.g. id:ACC-1 or phone:447700900123'),
  rules: z.array(z.string()),
  typologies: z.array(z.string()),
  alerts: z.number().int(),
  score: z.number().describe('sum of the scores of the alerting transfers'),
  maxScore: z.number(),
  decision: z.enum(['review', 'block']),
  transfers: z.array(z.string()).describe('ids of the alerting transfers (at most 200)'),
  firstSeen: z.string(),
  lastSeen: z.string(),
})

export const BatchCasesSchema = z.object({
  batch: z.string(),
  status: z.enum(['receiving', 'queued', 'running', 'completed', 'failed']),
  cases: z.array(CaseSchema).describe('highest score first; empty until the batch completes'),
})

export const AlertSchema = z.object({
  id: z.string().describe('cursor position of this alert'),
  batchId: z.string().nullable().describe('null for real-time screening calls'),
  createdAt: z.string(),
  occurredAt: z.string().nullable(),
  verdict: VerdictSchema,
})

export const AlertPageSchema = z.object({
  alerts: z.array(AlertSchema),
  next: z.string().nullable().describe('pass as `cursor` for the next page; null at the end'),
})

export const RuleFileSchema = z.object({
  path: z.string().min(1).max(512).describe('file name as shown in issues, e.g. rules/velocity.yaml'),
  text: z.string().max(1024 * 1024).describe('the YAML text of a rule or ruleset file'),
})

export const PublishRulesetSchema = z.object({
  files: z.array(RuleFileSchema).min(1).max(500),
  activate: z.boolean().default(false).describe('activate the new version in the same step'),
})

export const RuleIssueSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
  path: z.string().optional(),
})

export const RulesetVersionSchema = z.object({
  version: z.string(),
  files: z.array(z.string()),
  maxWindowMs: z.number(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  active: z.boolean(),
})

export const RulesetListSchema = z.object({ versions: z.array(RulesetVersionSchema) })

export const PublishedRulesetSchema = z.object({
  version: z.string(),
  created: z.boolean().describe('false when this exact content was already stored'),
  activated: z.boolean(),
})

export const CreateKeySchema = z.object({
  role: z.enum(ROLES),
  name: z.string().min(1).max(200).optional(),
})

export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  prefix: z.string().describe('the first characters of the key, to recognise it'),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
})

export const KeyListSchema = z.object({ keys: z.array(ApiKeySchema) })

export const CreatedKeySchema = ApiKeySchema.extend({ key: z.string().describe('the secret: shown this once, stored only as a SHA-256 hash') })

export const ListsSchema = z.object({
  loadedAt: z.string().nullable().describe('when the lists in use were read; null when none are configured'),
  sources: z.array(z.object({ spec: z.string().describe('FORMAT:PATH as configured'), entries: z.number(), indicators: z.number() })),
})

export const HealthSchema = z.object({ status: z.literal('ok') })
export const ReadySchema = z.object({
  status: z.enum(['ready', 'not-ready']),
  database: z.enum(['ok', 'unreachable']),
  ruleset: z.string().nullable(),
  realtime: z
    .enum(['warm', 'warming', 'failed', 'database'])
    .optional()
    .describe('real-time state: warm (in memory, loaded), warming (loading history from the database), failed (last load failed; retried), database (read per call)'),
})

export const NAMED_SCHEMAS = {
  input: { TransferRecord: TransferRecordSchema, PublishRuleset: PublishRulesetSchema, CreateKey: CreateKeySchema },
  output: {
    Party: PartySchema,
    Verdict: VerdictSchema,
    Hit: HitSchema,
    LineError: LineErrorSchema,
    Problem: ProblemSchema,
    Batch: BatchSchema,
    Case: CaseSchema,
    BatchCases: BatchCasesSchema,
    Alert: AlertSchema,
    AlertPage: AlertPageSchema,
    RuleIssue: RuleIssueSchema,
    RulesetVersion: RulesetVersionSchema,
    RulesetList: RulesetListSchema,
    PublishedRuleset: PublishedRulesetSchema,
    ApiKey: ApiKeySchema,
    KeyList: KeyListSchema,
    CreatedKey: CreatedKeySchema,
    Lists: ListsSchema,
    Health: HealthSchema,
    Ready: ReadySchema,
  },
} as const

// compile-time checks that the documented shapes still match what the core returns
type Assignable<T extends U, U> = T
export type _VerdictMatches = Assignable<Verdict, z.input<typeof VerdictSchema>>
export type _LineErrorMatches = Assignable<LineError, z.input<typeof LineErrorSchema>>
export type _RuleIssueMatches = Assignable<RuleIssue, z.input<typeof RuleIssueSchema>>
export type _CaseMatches = Assignable<Case, z.input<typeof CaseSchema>>
