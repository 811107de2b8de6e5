import { z } from 'zod'
import { DURATION_PATTERN, inDays, parseDuration } from './duration.ts'

/** Leaf schemas that rule files, conditions and measures share. */

export const duration = z.string().regex(DURATION_PATTERN, 'expected a duration such as "30m", "48h", "7d"')
/** a duration of at most `maxMs` (a text that is not a duration is left to the pattern's message) */
export const durationAtMost = (maxMs: number) =>
  duration.refine((d) => (parseDuration(d) ?? 0) <= maxMs, { message: `expected a duration of at most ${inDays(maxMs)}` })
export const identifier = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected lower-case letters, digits, "-" or "_"')
export const scalar = z.union([z.string(), z.number(), z.boolean()])
/** a literal list, or "$name" for a list defined in the ruleset */
export const listRef = z.union([z.array(scalar), z.string().regex(/^\$[a-z0-9_]+$/, 'expected a list or "$list_name"')])
