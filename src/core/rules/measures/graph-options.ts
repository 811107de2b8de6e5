import { z } from 'zod'
import { parseDuration } from '../duration.ts'

/** Options the graph measures share: amount conservation per hop, time order, and the bounds on their state. */

/** a duration such as `3d`, checked by the rule-file schema */
export const durationText = z.string().refine((s) => parseDuration(s) !== undefined, { message: 'a duration such as 36h or 3d' })

export const conservation = {
  /** each hop carries at least (1 - max_loss) of the previous one */
  max_loss: z.number().min(0).max(0.9).optional(),
  /** and at most (1 + max_gain) of it (rounding, exchange rates) */
  max_gain: z.number().min(0).max(1).optional(),
}

/** edges each party keeps each way in the rule's graph; the oldest go first */
export const maxEdges = z.number().int().min(4).max(100_000).optional()

export function gapMs(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseDuration(text)
}
