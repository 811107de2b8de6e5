import type { Knobs } from '../knobs.ts'
import type { Population } from '../population.ts'
import { Rng } from '../prng.ts'
import { PlantContext } from '../typologies/context.ts'
import { DAY_MS, type LabelledDraft } from '../types.ts'
import type { BenignFamily, Episode } from './family.ts'

interface Running {
  family: BenignFamily
  episode: Episode
  rng: Rng
  planned: number
}

/**
 * Starts the episodes of each hard-negative family so that it keeps near its share of the records, and holds
 * their transfers until their day comes, tagged with the family's name. Like the illicit planner, it keeps only
 * episodes still running, and nothing lands on the last day, so the run can end on an exact record count.
 */
export class FamilyPlanner {
  private readonly pending = new Map<number, LabelledDraft[]>()
  private readonly running: Running[]

  constructor(
    seed: number,
    private readonly pop: Population,
    private readonly knobs: Knobs,
    private readonly totalDays: number,
    private readonly perDay: number,
    families: readonly BenignFamily[],
    indicatorPhones: () => readonly string[],
  ) {
    this.running = families.map((family) => ({
      family,
      episode: family.start({ rng: Rng.derive(seed, `family-cast:${family.name}`), pop, perDay, indicatorPhones }),
      rng: Rng.derive(seed, `family:${family.name}`),
      planned: 0,
    }))
  }

  /** start the episodes due today and hand back every family transfer that falls on this day */
  takeDay(day: number): LabelledDraft[] {
    const daysLeft = this.totalDays - 1 - day
    const dayMs = this.pop.startMs + day * DAY_MS
    for (const run of this.running) {
      const f = run.family
      if (daysLeft < f.minDays) continue
      const days = Math.min(daysLeft, f.maxDays)
      while (run.planned < f.share * this.perDay * (day + 1)) {
        const drafts = run.episode(new PlantContext(run.rng, this.pop, dayMs, day, days, this.knobs))
        // a family that has nothing to work with yet (no indicator to miss) tries again tomorrow
        if (drafts.length === 0) break
        for (const d of drafts as LabelledDraft[]) {
          const at = Math.floor((d.ts - this.pop.startMs) / DAY_MS)
          if (at < day || at >= day + days) throw new Error(`${f.name} made a transfer outside its span (day ${at}, span ${day}+${days})`)
          d.family = f.name
          const bucket = this.pending.get(at)
          if (bucket) bucket.push(d)
          else this.pending.set(at, [d])
        }
        run.planned += drafts.length
      }
    }
    const today = this.pending.get(day) ?? []
    this.pending.delete(day)
    return today
  }
}
