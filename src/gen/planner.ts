import { NO_STRESS, type Knobs, type Stress } from './knobs.ts'
import { smugglingMemo } from './memos.ts'
import type { Population } from './population.ts'
import { Rng } from './prng.ts'
import { TYPOLOGIES } from './typologies/index.ts'
import type { ListedParty } from './typologies/sanctioned-name.ts'
import { PlantContext, type Indicator, type Typology } from './typologies/context.ts'
import { DAY_MS, type LabelledDraft } from './types.ts'

/** the longest span an instance may have (route instalments and hold-and-release run up to 60-90 days) */
const MAX_INSTANCE_DAYS = 90
/** share of instances whose references carry smuggling terms (R31 is a modifier, planted only inside instances) */
const MEMO_SHARE = 0.3

/**
 * Decides when planted instances start and which typology each is, and keeps their transfers until their day
 * comes. Typologies come in shuffled rounds so every one is planted about equally often; new instances start
 * while the planted share is below the target, so illicit transfers stay near that share of all records.
 * Only instances still running are held, so memory does not grow with the length of the run.
 */
export class Planner {
  private readonly rng: Rng
  private readonly pending = new Map<number, LabelledDraft[]>()
  private round: Typology[] = []
  private instances = 0
  private planned = 0
  readonly indicators: Indicator[] = []
  readonly listed: (ListedParty & { instanceId: string })[] = []
  readonly counts = new Map<string, number>()

  constructor(
    private readonly seed: number,
    private readonly pop: Population,
    private readonly totalDays: number,
    private readonly recordsPerDay: number,
    private readonly share: number,
    private readonly knobs: Knobs,
    private readonly stress: Stress = NO_STRESS,
    /** the typologies planted in rounds; TYPOLOGIES unless a run adds one (sanctioned names) */
    private readonly typologies: readonly Typology[] = TYPOLOGIES,
  ) {
    this.rng = Rng.derive(seed, 'planner')
  }

  /** start the instances due today and hand back every planted transfer that falls on this day */
  takeDay(day: number): LabelledDraft[] {
    // the last day carries no illicit activity, so the run can end on an exact record count
    const daysLeft = this.totalDays - 1 - day
    while (daysLeft > 0 && this.planned < this.share * (day + 1) * this.recordsPerDay) {
      const typology = this.nextFitting(daysLeft)
      if (!typology) break
      this.plant(typology, day, Math.min(daysLeft, MAX_INSTANCE_DAYS))
    }
    const today = this.pending.get(day) ?? []
    this.pending.delete(day)
    return today
  }

  private nextFitting(daysLeft: number): Typology | undefined {
    if (this.round.length === 0) this.round = this.rng.shuffle([...this.typologies])
    const i = this.round.findIndex((t) => t.minDays <= daysLeft)
    if (i < 0) return undefined
    return this.round.splice(i, 1)[0]
  }

  private plant(typology: Typology, day: number, days: number): void {
    const n = ++this.instances
    const instanceId = `I${String(n).padStart(6, '0')}`
    const rng = Rng.derive(this.seed, `instance:${n}`)
    const dayMs = this.pop.startMs + day * DAY_MS
    const { drafts, indicators, listed } = typology.plant(new PlantContext(rng, this.pop, dayMs, day, days, this.knobs, this.stress))
    if (rng.chance(MEMO_SHARE)) for (const d of rng.sample(drafts, rng.int(1, 3))) d.reference = smugglingMemo(rng)
    for (const d of drafts) {
      const at = Math.floor((d.ts - this.pop.startMs) / DAY_MS)
      if (at < day || at >= day + days) throw new Error(`${typology.label} planted a transfer outside its span (day ${at}, span ${day}+${days})`)
      const bucket = this.pending.get(at) ?? []
      bucket.push({ ...d, label: { instanceId, typology: typology.label } })
      this.pending.set(at, bucket)
    }
    this.planned += drafts.length
    this.counts.set(typology.label, (this.counts.get(typology.label) ?? 0) + 1)
    if (indicators) this.indicators.push(...indicators)
    if (listed) for (const l of listed) this.listed.push({ ...l, instanceId })
  }
}
