import { z } from 'zod'

/** Where a batch is in its life, and what its outputs came to: the one source for their types and the API document. */

export const BatchStatusSchema = z.enum(['receiving', 'queued', 'running', 'completed', 'failed'])

export const BatchCountsSchema = z
  .object({
    records: z.number().int(),
    clear: z.number().int(),
    review: z.number().int(),
    block: z.number().int(),
    errors: z.number().int(),
    outOfOrder: z
      .number()
      .int()
      .describe("records more than the ruleset's lateness behind the latest transfer time before them: windows saw them out of time order; sort the upload by timestamp"),
    duplicateIds: z
      .number()
      .int()
      .describe('records whose transfer id came earlier in the same batch: each is screened and counted as its own transfer; `duplicateIds` beside the counts names the first ones'),
  })
  .meta({ id: 'BatchCounts' })

export type BatchStatus = z.infer<typeof BatchStatusSchema>
export type BatchCounts = z.infer<typeof BatchCountsSchema>
