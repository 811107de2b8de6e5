import type { Decision } from '../core/index.ts'
import type { ShadowOutcome } from './shadow-thread-port.ts'

/** the decisions in order of severity: the comparison's matrix rows and columns, and their codes across the shadow's process */
export const DECISIONS: readonly Decision[] = ['clear', 'review', 'block']
/** score bands of ten points; the last holds 90 to 100 */
const BAND_WIDTH = 10
const BANDS = 10
/** transfers whose decision changed, the latest kept per tenant */
const CHANGED_SAMPLE = 50

export interface ChangedTransfer {
  id: string
  at: string
  active: { decision: Decision; score: number; rules: string[] }
  shadow: { decision: Decision; score: number; rules: string[] }
}

/** What one tenant's real-time calls gave under the active set and the shadow, since the shadow began. */
export interface ComparisonView {
  transfers: number
  /** transfers the shadow could not screen (e.g. a currency it has no rate for) */
  errors: number
  byRule: { rule: string; active: number; shadow: number }[]
  byDecision: { decision: Decision; active: number; shadow: number }[]
  /** transitions[from][to]: transfers the active set decided `from` and the shadow `to` */
  transitions: Record<Decision, Record<Decision, number>>
  byBand: { band: string; active: number; shadow: number }[]
  changed: { count: number; sample: ChangedTransfer[] }
}

const band = (score: number): number => Math.min(BANDS - 1, Math.max(0, Math.floor(score / BAND_WIDTH)))
const bandName = (i: number): string => (i === BANDS - 1 ? `${i * BAND_WIDTH}-100` : `${i * BAND_WIDTH}-${i * BAND_WIDTH + BAND_WIDTH - 1}`)
const matrix = (): number[][] => DECISIONS.map(() => DECISIONS.map(() => 0))

/** The active set's side of a call, as the tally takes it: the transfer, the decision, score and rules that hit. */
export interface ActiveSide {
  id: string
  decision: Decision
  score: number
  activeRules: readonly string[]
}

/** The running tally of one tenant's comparison: counters only, so a transfer costs a few increments. */
export class ComparisonTally {
  #transfers = 0
  #errors = 0
  readonly #rules = new Map<string, { active: number; shadow: number }>()
  readonly #transitions = matrix()
  readonly #bands = Array.from({ length: BANDS }, () => ({ active: 0, shadow: 0 }))
  #changed = 0
  readonly #sample: ChangedTransfer[] = []

  add(active: ActiveSide, shadow: ShadowOutcome, at: number): void {
    this.#transfers++
    for (const rule of active.activeRules) this.#rule(rule).active++
    for (const rule of shadow.rules) this.#rule(rule).shadow++
    this.#transitions[DECISIONS.indexOf(active.decision)]![DECISIONS.indexOf(shadow.decision)]!++
    this.#bands[band(active.score)]!.active++
    this.#bands[band(shadow.score)]!.shadow++
    if (active.decision === shadow.decision) return
    this.#changed++
    if (this.#sample.length === CHANGED_SAMPLE) this.#sample.shift()
    this.#sample.push({
      id: active.id,
      at: new Date(at).toISOString(),
      active: { decision: active.decision, score: active.score, rules: [...active.activeRules] },
      shadow: { decision: shadow.decision, score: shadow.score, rules: shadow.rules },
    })
  }

  /** a transfer the active set screened and the shadow could not */
  failed(): void {
    this.#errors++
  }

  view(): ComparisonView {
    const t = this.#transitions
    const transitions = Object.fromEntries(DECISIONS.map((from, i) => [from, Object.fromEntries(DECISIONS.map((to, j) => [to, t[i]![j]!]))])) as ComparisonView['transitions']
    return {
      transfers: this.#transfers,
      errors: this.#errors,
      byRule: [...this.#rules].map(([rule, n]) => ({ rule, ...n })).sort((a, b) => a.rule.localeCompare(b.rule)),
      byDecision: DECISIONS.map((decision, i) => ({
        decision,
        active: t[i]!.reduce((a, b) => a + b, 0),
        shadow: t.reduce((sum, row) => sum + row[i]!, 0),
      })),
      transitions,
      byBand: this.#bands.map((n, i) => ({ band: bandName(i), ...n })),
      changed: { count: this.#changed, sample: this.#sample.slice().reverse() },
    }
  }

  #rule(rule: string): { active: number; shadow: number } {
    let n = this.#rules.get(rule)
    if (!n) this.#rules.set(rule, (n = { active: 0, shadow: 0 }))
    return n
  }
}

/** An empty comparison, for a tenant none of whose calls the shadow has seen. */
export const EMPTY_COMPARISON: ComparisonView = new ComparisonTally().view()
