import type { z } from 'zod'
import type { BandSchema } from './schema.ts'

type Band = z.infer<typeof BandSchema>

export interface BandResult {
  score: number
  reason?: string
}

/** a hit's score: its band's score scaled by the rule's weight, to one decimal */
export const weightedScore = (bandScore: number, weight: number): number => Math.round(bandScore * weight * 10) / 10

/** Bands map a measure to a score: the first band with from ≤ value < below wins (Tazama's convention). */
export function compileBands(bands: readonly Band[]): (value: number) => BandResult {
  const table = bands.map((b) => ({
    from: b.from ?? Number.NEGATIVE_INFINITY,
    below: b.below ?? Number.POSITIVE_INFINITY,
    score: b.score,
    ...(b.reason !== undefined && { reason: b.reason }),
  }))
  const none: BandResult = { score: 0 }
  return (value) => {
    for (const b of table) if (value >= b.from && value < b.below) return b
    return none
  }
}

/** Overlapping or unordered bands are almost always a typo; say where. */
export function bandProblems(bands: readonly Band[]): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = []
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!
    if (b.from !== undefined && b.below !== undefined && b.from >= b.below) {
      problems.push({ index: i, message: `band "from" (${b.from}) must be below "below" (${b.below})` })
    }
    const prev = bands[i - 1]
    if (prev && (prev.below ?? Number.POSITIVE_INFINITY) > (b.from ?? Number.NEGATIVE_INFINITY)) {
      problems.push({ index: i, message: 'bands overlap or are out of order: each band must start at or after the end of the one before' })
    }
  }
  return problems
}
