import { z } from 'zod'
import { BatchCountsSchema, BatchStatusSchema, CaseSchema, inputFormats, PartySchema, RuleIssueSchema, TransferRecordSchema, VerdictSchema } from '../core/index.ts'
import { ROLES } from '../store/api-keys.ts'

/**
 * The API's own shapes (verdicts, line errors, cases and batch counts come from the core). Each `id` is
 * its name in /openapi.json. Request bodies are validated with these schemas; responses are documented
 * by them and never parsed.
 */

/** The transfer record as the document names it, its parties by reference. */
const PartyDoc = PartySchema.meta({ id: 'Party' })
export const TransferRecordDoc = TransferRecordSchema.extend({ sender: PartyDoc, receiver: PartyDoc }).meta({ id: 'TransferRecord' })

export const ProblemSchema = z
  .object({
    type: z.string().describe('a link to the problem type on /docs'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
  })
  .meta({ id: 'Problem' })

export const InvalidRulesetProblemSchema = ProblemSchema.extend({ issues: z.array(RuleIssueSchema) }).meta({ id: 'InvalidRulesetProblem' })

export const BatchSchema = z
  .object({
    id: z.string(),
    status: BatchStatusSchema,
    format: z.enum(inputFormats.names),
    mode: z.enum(['async', 'stream']),
    ruleset: z.string().describe('the rule-set version the batch is screened with, fixed when it was created'),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    counts: BatchCountsSchema,
    duplicateIds: z.array(z.string()).describe('the first transfer ids (up to 100) that came more than once in this batch'),
    progress: z.object({
      bytesRead: z.number(),
      bytesTotal: z.number().nullable().describe('known once an asynchronous upload is stored'),
      fraction: z.number().nullable(),
    }),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    links: z.object({ self: z.string(), verdicts: z.string(), cases: z.string() }),
  })
  .meta({ id: 'Batch' })

export const BatchCasesSchema = z
  .object({
    batch: z.string(),
    status: BatchStatusSchema,
    cases: z.array(CaseSchema).describe('highest score first; empty until the batch completes'),
  })
  .meta({ id: 'BatchCases' })

export const StoredCaseSchema = CaseSchema.extend({ batchId: z.string().nullable().describe('the batch the case came from; null for a case of real-time alerts') }).meta({ id: 'StoredCase' })

export const CasePageSchema = z
  .object({
    cases: z.array(StoredCaseSchema).describe('oldest first'),
    next: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'CasePage' })

export const CaseTransferSchema = z
  .object({
    case: z.string(), entity: z.string(), transfer: z.string(), alerting: z.boolean(),
    timestamp: z.string().optional(), amount: z.string().optional(), currency: z.string().optional(), channel: z.string().optional(),
    sender: z.string().optional(), senderName: z.string().optional(), senderInstitution: z.string().optional(),
    receiver: z.string().optional(), receiverName: z.string().optional(), receiverInstitution: z.string().optional(), reference: z.string().optional(),
  })
  .describe("an evidence transfer of a case; the record's fields are absent when its record is no longer kept")
  .meta({ id: 'CaseTransfer' })

export const AlertSchema = z
  .object({
    id: z.string().describe("the alert's id"),
    cursor: z.string().describe('the feed position after this alert: pass as `cursor` to read what follows it'),
    batchId: z.string().nullable().describe('null for real-time screening calls'),
    createdAt: z.string(),
    occurredAt: z.string().nullable(),
    verdict: VerdictSchema,
  })
  .meta({ id: 'Alert' })

export const AlertPageSchema = z
  .object({
    alerts: z.array(AlertSchema),
    next: z.string().nullable().describe('pass as `cursor` for the next page; null at the end'),
    poll: z
      .string()
      .nullable()
      .describe('where to poll from for alerts that arrive later: the position after the last alert read (the cursor sent when this page is empty); null when there has been none'),
  })
  .meta({ id: 'AlertPage' })

const RuleFileSchema = z.object({
  path: z.string().min(1).max(512).describe('file name as shown in issues, e.g. rules/velocity.yaml'),
  text: z.string().max(1024 * 1024).describe('the YAML text of a rule or ruleset file'),
})

export const PublishRulesetSchema = z
  .object({
    files: z.array(RuleFileSchema).min(1).max(500),
    activate: z.boolean().default(false).describe('activate the new version in the same step'),
  })
  .meta({ id: 'PublishRuleset' })

export const RulesetVersionSchema = z
  .object({
    version: z.string(),
    files: z.array(z.string()),
    maxWindowMs: z.number(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    active: z.boolean(),
    shadow: z
      .enum(['warming', 'running', 'failed', 'stopped', 'promoted'])
      .optional()
      .describe('this version runs (or last ran) as the shadow in this process: GET /v1/rulesets/{version}/shadow'),
  })
  .meta({ id: 'RulesetVersion' })

export const RulesetListSchema = z.object({ versions: z.array(RulesetVersionSchema) }).meta({ id: 'RulesetList' })

export const PublishedRulesetSchema = z
  .object({
    version: z.string(),
    created: z.boolean().describe('false when this exact content was already stored'),
    activated: z.boolean(),
    approvals: z.number().int().optional().describe('with a second approver required: distinct keys that approved activating it so far'),
    needed: z.number().int().optional().describe('distinct keys that must approve (TXSCREEN_ACTIVATION_APPROVALS)'),
  })
  .meta({ id: 'PublishedRuleset' })

export const PendingActivationSchema = z
  .object({ version: z.string(), approvals: z.number().int(), needed: z.number().int() })
  .meta({ id: 'PendingActivation' })

export const CreateKeySchema = z
  .object({
    role: z.enum(ROLES),
    name: z.string().min(1).max(200).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('when the key stops working (must be in the future); never when absent'),
  })
  .meta({ id: 'CreateKey' })

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    prefix: z.string().describe('the first characters of the key, to recognise it'),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    revokedAt: z.string().nullable(),
    tenant: z.string().describe("whose data the key sees; a key made through the API gets its creator's tenant"),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' })

export const KeyListSchema = z.object({ keys: z.array(ApiKeySchema) }).meta({ id: 'KeyList' })

export const CreatedKeySchema = ApiKeySchema.extend({ key: z.string().describe('the secret: shown this once, stored only as a SHA-256 hash') }).meta({
  id: 'CreatedKey',
})

export const ListsSchema = z
  .object({
    loadedAt: z.string().nullable().describe('when the lists in use were read; null when none are configured'),
    sources: z.array(z.object({ spec: z.string().describe('FORMAT:PATH as configured'), entries: z.number(), indicators: z.number() })),
  })
  .meta({ id: 'Lists' })

export const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' })

export const ReadySchema = z
  .object({
    status: z.enum(['ready', 'not-ready']),
    database: z.enum(['ok', 'unreachable']),
    ruleset: z.string().nullable(),
    realtime: z
      .enum(['warm', 'warming', 'failed', 'database', 'objects'])
      .optional()
      .describe('real-time state: warm (in memory, loaded), warming (loading history from the database), failed (last load failed; retried), database (read per call), objects (held by Durable Objects per partition, on Workers)'),
  })
  .meta({ id: 'Ready' })
