import { z } from 'zod'

/** a case lists at most this many of its transfers */
export const MAX_CASE_TRANSFERS = 200
/** a case lists at most this many evidence transfers */
export const MAX_CASE_EVIDENCE = 1000

/** The shape of an entity-level case, the one source for its TypeScript type and for the API document. */
export const CaseSchema = z
  .object({
    id: z.string().describe('stable: the same transfers screened again (in the same batch, for the service) give the same id'),
    entity: z.string().describe('the state key everything in the case alerted on, e.g. id:ACC-1 or phone:447700900123'),
    rules: z.array(z.string()),
    typologies: z.array(z.string()),
    alerts: z.number().int(),
    score: z.number().describe('sum of the scores of the alerting transfers that involve the entity'),
    maxScore: z.number(),
    decision: z.enum(['review', 'block']),
    transfers: z.array(z.string()).describe(`ids of the alerting transfers (at most ${MAX_CASE_TRANSFERS})`),
    evidence: z
      .array(z.string())
      .describe(`ids of every transfer in the evidence of the case's hits, alerting or not, in the order first named (at most ${MAX_CASE_EVIDENCE})`),
    firstSeen: z.string(),
    lastSeen: z.string(),
  })
  .meta({ id: 'Case' })

export type Case = z.infer<typeof CaseSchema>
