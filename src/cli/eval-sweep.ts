import { decodeBlocks, type CompiledRuleset, type ParsedLine, type RuleSource, type Watchlists } from '../core/index.ts'
import type { Labels } from '../eval/labels.ts'
import { formatSweep } from '../eval/sweep/format-sweep.ts'
import { runSweep } from '../eval/sweep/run-sweep.ts'
import type { SweepSpec } from '../eval/sweep/spec.ts'
import { sweepReport } from '../eval/sweep/sweep-report.ts'
import { sweepVariants } from '../eval/sweep/variants.ts'
import { outOfOrderWarning } from './batch-summary.ts'
import type { openInput } from './input-source.ts'

/**
 * `txscreen eval --sweep`: compiles the rule set once per value (every value checked before any screening),
 * decodes the records once and keeps them, screens them per value, and prints one row per value.
 */
export async function evalSweep(
  spec: SweepSpec,
  rules: { sources: RuleSource[]; ruleset: CompiledRuleset },
  input: Awaited<ReturnType<typeof openInput>>,
  labels: Labels,
  watchlists: Watchlists | undefined,
  json: boolean,
): Promise<number> {
  const variants = sweepVariants(rules.sources, spec)
  if (typeof variants === 'string') {
    process.stderr.write(`txscreen eval: ${variants}\n`)
    return 2
  }
  const slices: (readonly ParsedLine[])[] = []
  for await (const slice of decodeBlocks(input.blocks, input.format)) slices.push(slice)
  const { runs, outOfOrder } = await runSweep(slices, rules.ruleset, variants.variants, labels, watchlists)
  const report = sweepReport(spec.rule, spec.path.join('.'), variants.at, variants.current, runs)
  process.stdout.write(json ? `${JSON.stringify({ ruleset: rules.ruleset.version, sweep: report }, null, 2)}\n` : formatSweep(report))
  if (outOfOrder > 0) process.stderr.write(`txscreen eval: ${outOfOrderWarning(outOfOrder, rules.ruleset.latenessMs)}\n`)
  return 0
}
