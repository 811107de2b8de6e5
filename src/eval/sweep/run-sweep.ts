import { hitMerger, InProcessEngine, lineHits, Screener, type CompiledRuleset, type Hit, type ParsedLine, type ScreenedSlice, type ScreenOutput, type Watchlists } from '../../core/index.ts'
import { withBudgets } from '../budgets.ts'
import type { Labels } from '../labels.ts'
import { screenLabelled } from '../screen-labelled.ts'
import type { EvalReport } from '../tally.ts'
import type { Variant } from './variants.ts'

export interface SweepRun {
  value: number | string
  report: EvalReport
}

const NO_HITS: Hit[] = []

/**
 * Screens the decoded records once per value. Only the swept rule changes between values, so the other rules
 * run once, their hits are kept per record, and each value runs the swept rule alone and merges its hits with
 * those (the way the threaded batch splits rules over workers): the verdicts are those of screening the whole
 * variant rule set. `outOfOrder` counts records behind the lateness allowance, as eval warns about them.
 */
export async function runSweep(
  slices: readonly (readonly ParsedLine[])[],
  base: CompiledRuleset,
  variants: readonly Variant[],
  labels: Labels,
  watchlists: Watchlists | undefined,
): Promise<{ runs: SweepRun[]; outOfOrder: number }> {
  const first = variants[0]
  if (first?.rule === undefined) return runWhole(slices, variants, labels, watchlists)
  const sweptId = first.ruleset.rules[first.rule]!.id
  const swept = base.rules.findIndex((r) => r.id === sweptId)
  const others = new Screener(base, { rules: base.rules.map((_r, i) => i).filter((i) => i !== swept), ...(watchlists && { watchlists }) })
  const otherHits = slices.map((lines) =>
    lines.map((line) => {
      const h = lineHits(others, line)
      return Array.isArray(h) && h.length === 0 ? NO_HITS : h
    }),
  )
  const runs: SweepRun[] = []
  for (const v of variants) {
    const screener = new Screener(v.ruleset, { rules: [v.rule!], ...(watchlists && { watchlists }) })
    const merge = hitMerger(v.ruleset)
    async function* screened(): AsyncGenerator<ScreenedSlice> {
      for (const [s, lines] of slices.entries()) {
        const outputs: ScreenOutput[] = lines.map((line, i) => {
          const rest = otherHits[s]![i]!
          // a record the other rules could not score (invalid, no rate) is one the swept rule cannot either
          if (!Array.isArray(rest) || !line.ok) return rest as ScreenOutput
          const own = lineHits(screener, line)
          return Array.isArray(own) ? screener.verdict(line.record, merge([rest, own])) : own
        })
        yield { lines, outputs }
      }
    }
    runs.push({ value: v.value, report: withBudgets(await screenLabelled(screened(), labels), v.ruleset.rules) })
  }
  return { runs, outOfOrder: others.outOfOrder }
}

/** a parameter of the ruleset file may change every verdict: each value screens the whole rule set */
async function runWhole(
  slices: readonly (readonly ParsedLine[])[],
  variants: readonly Variant[],
  labels: Labels,
  watchlists: Watchlists | undefined,
): Promise<{ runs: SweepRun[]; outOfOrder: number }> {
  const runs: SweepRun[] = []
  let outOfOrder = 0
  for (const v of variants) {
    const engine = new InProcessEngine(new Screener(v.ruleset, watchlists ? { watchlists } : {}))
    async function* kept(): AsyncGenerator<readonly ParsedLine[]> {
      yield* slices
    }
    runs.push({ value: v.value, report: withBudgets(await screenLabelled(engine.screen(kept()), labels), v.ruleset.rules) })
    outOfOrder = engine.outOfOrder
  }
  return { runs, outOfOrder }
}
