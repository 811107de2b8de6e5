import { z } from 'zod'

/** a case lists at most this many of its transfers */
export const MAX_CASE_TRANSFERS = 200

/** The shape of an entity-level case, the one source for its TypeScript type and for the API document. */
export const CaseSchema = z
  .object({
    entity: z.string().describe('the state key everything in the case alerted on, e.g. id:ACC-1 or phone:447700900123'),
    rules: z.array(z.string()),
    typologies: z.array(z.string()),
    alerts: z.number().int(),
    score: z.number().describe('sum of the scores of the alerting transfers that involve the entity'),
    maxScore: z.number(),
    decision: z.enum(['review', 'block']),
    transfers: z.array(z.string()).describe(`ids of the alerting transfers (at most ${MAX_CASE_TRANSFERS})`),
    firstSeen: z.string(),
    lastSeen: z.string(),
  })
  .meta({ id: 'Case' })

export type Case = z.infer<typeof CaseSchema>
