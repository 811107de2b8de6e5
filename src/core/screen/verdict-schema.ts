import { z } from 'zod'

/**
 * The shape of a verdict, the one source for its TypeScript type and for the API document. The screener
 * builds verdicts itself, property by property (their key order is the output); nothing parses them
 * through these schemas.
 */

export const DecisionSchema = z.enum(['clear', 'review', 'block'])

const ListMatchSchema = z.object({
  list: z.string().describe('the list the entry is on'),
  entry: z.string().describe("the entry's id on the list"),
  matched: z.string().describe('the name or value that matched'),
  score: z.number(),
})

export const HitEvidenceSchema = z
  .object({
    entity: z.string().optional().describe('the state key the rule looked at, e.g. id:ACC-1 or phone:447700900123'),
    measure: z.string(),
    value: z.number(),
    window: z.string().optional(),
    transfers: z.array(z.string()).describe("ids of the contributing transfers, capped by the rule's evidence limit"),
    matches: z.array(ListMatchSchema).optional().describe('list matches'),
  })
  .meta({ id: 'HitEvidence' })

export const HitSchema = z
  .object({
    rule: z.string(),
    version: z.number(),
    typology: z.string(),
    score: z.number().describe("this hit's contribution to the verdict score: band score × the ruleset's weight for the rule"),
    modifier: z.boolean().describe('modifiers add to a score only when a primary rule fired'),
    reason: z.string(),
    evidence: HitEvidenceSchema,
  })
  .meta({ id: 'Hit' })

export const VerdictSchema = z
  .object({
    id: z.string().describe('the transfer id'),
    score: z.number().describe('0-100'),
    decision: DecisionSchema,
    hits: z.array(HitSchema),
    ruleset: z.string().describe('the rule-set version that decided'),
  })
  .meta({ id: 'Verdict' })

export type Decision = z.infer<typeof DecisionSchema>
export type HitEvidence = z.infer<typeof HitEvidenceSchema>
export type Hit = z.infer<typeof HitSchema>
export type Verdict = z.infer<typeof VerdictSchema>
