import type { Population } from '../population.ts'
import type { Rng } from '../prng.ts'
import { DAY_MS, type Draft } from '../types.ts'
import { everydayDrafts } from './everyday.ts'
import { scheduledDay } from './scheduled.ts'

/** exactly `budget` benign transfers for one day: the calendar's due items first, then everyday activity */
export function benignDay(rng: Rng, pop: Population, day: number, budget: number): Draft[] {
  const dayMs = pop.startMs + day * DAY_MS
  const out: Draft[] = []
  // a lean pool stands for the whole benign population: the population's calendar would add its own parties
  if (!pop.counterparties?.lean) scheduledDay(rng, pop, day, dayMs, out)
  if (out.length > budget) out.length = budget
  everydayDrafts(rng, pop, day, dayMs, budget - out.length, out)
  return out
}
