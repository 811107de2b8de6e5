import { z } from 'zod'
import { DecisionSchema } from '../core/index.ts'

const Counts = { active: z.number().int(), shadow: z.number().int() }
const DecisionSide = z.object({ decision: DecisionSchema, score: z.number(), rules: z.array(z.string()) })
const Row = z.object({ clear: z.number().int(), review: z.number().int(), block: z.number().int() })

export const ShadowComparisonSchema = z
  .object({
    transfers: z.number().int().describe("this tenant's real-time calls the shadow screened"),
    errors: z.number().int().describe('calls the shadow could not screen (e.g. a currency it has no rate for)'),
    byRule: z.array(z.object({ rule: z.string(), ...Counts })).describe('hits per rule under the active set and under the shadow'),
    byDecision: z.array(z.object({ decision: DecisionSchema, ...Counts })),
    transitions: z
      .object({ clear: Row, review: Row, block: Row })
      .describe('transitions[active][shadow]: calls the active set decided one way and the shadow another (the diagonal: unchanged)'),
    byBand: z.array(z.object({ band: z.string().describe('score band, e.g. 40-49'), ...Counts })),
    changed: z.object({
      count: z.number().int().describe('calls whose decision the shadow changes'),
      sample: z
        .array(z.object({ id: z.string(), at: z.string(), active: DecisionSide, shadow: DecisionSide }))
        .describe('the latest 50 of them, newest first'),
    }),
  })
  .meta({ id: 'ShadowComparison' })

export const ShadowSchema = z
  .object({
    id: z.string().describe('this run of the shadow (its rows in shadow_verdicts carry it)'),
    version: z.string().describe('the rule-set version the shadow runs'),
    status: z
      .enum(['warming', 'running', 'failed', 'stopped', 'promoted'])
      .describe('warming: replaying the stored history into its windows (calls wait in its queue); promoted: the version was activated'),
    error: z.string().optional().describe('why the warm-up failed'),
    activeVersions: z.array(z.string()).describe('the active versions it was compared with'),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    processed: z.number().int().describe('calls the shadow screened (all tenants)'),
    dropped: z.number().int().describe('calls not shadowed because its queue was full (all tenants)'),
    skipped: z.number().int().describe('calls left out because their write failed'),
    unstored: z.number().int().describe('verdicts the shadow kept (alerts and changed decisions) that could not be stored in shadow_verdicts: a failed statement, or too many waiting'),
    queued: z.number().int().describe('calls waiting for the shadow now'),
    lagMs: z.number().int().describe('how long the oldest waiting call has waited'),
    held: z.boolean().describe('the shadow holds its calls because the server is busy (TXSCREEN_SHADOW_MAX_LOAD): the comparison is behind by `queued` calls and `lagMs`, and catches up once the server is quiet'),
    rulesEvaluated: z.number().int().describe("the candidate's rules the shadow runs itself: those whose definition differs from the active set's (all of them when the rates, base currency or lateness differ)"),
    rulesReused: z.number().int().describe("the candidate's rules whose hits are taken from the active screening: the same definition gives the same hits"),
    comparison: ShadowComparisonSchema.describe("the caller's tenant's calls since the shadow began"),
  })
  .meta({ id: 'Shadow' })
