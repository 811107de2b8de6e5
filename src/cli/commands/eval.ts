import { readFile } from 'node:fs/promises'
import { InProcessEngine, Screener, screenBytes } from '../../core/index.ts'
import { withBudgets } from '../../eval/budgets.ts'
import { formatReport } from '../../eval/format-report.ts'
import { parseLabels } from '../../eval/labels.ts'
import { screenLabelled } from '../../eval/screen-labelled.ts'
import { parseSweepSpec, SWEEP_SYNTAX } from '../../eval/sweep/spec.ts'
import { parseCommand, singleInput } from '../args.ts'
import { outOfOrderWarning } from '../batch-summary.ts'
import { evalSweep } from '../eval-sweep.ts'
import { loadRulesOrReport, loadWatchlists } from '../load-ruleset.ts'
import { FORMAT_HELP, FORMAT_USAGE, namedFormat, openInput } from '../input-source.ts'

const USAGE = `usage: txscreen eval <records> --labels <labels.csv> [--rules DIR] ${FORMAT_USAGE}
                     [--list FORMAT:PATH ...] [--json] [--fail-over-budget | --sweep SPEC]

Screens the records and compares the decisions with labels.csv (id,is_illicit,instance_id,typology[,family]).
A record is flagged when its decision is review or block. Prints transaction-level precision, recall
and F1, instance-level recall (an instance is found when any of its transfers is flagged), figures per
typology and per rule, and the alert rate on benign records; when the labels have a family column (txscreen
generate writes one), the false alerts of each benign family and the rules behind them.

Rules whose files state false_alert_budget (a share of benign transfers, 0.002 = 0.2 %) are checked against
it: a rule whose false alerts exceed its budget times the benign records is marked OVER in the text report and
listed in "overBudget" with --json.

--sweep ${SWEEP_SYNTAX}
  below-the-line testing of one rule parameter: PATH is where the number or text is written in the rule file,
  keys and list indices joined by "." (score.bands.0.from, require.senders.gte, where.1.amount.gte, window);
  FROM:TO:STEP is an inclusive numeric range; text values such as durations are listed (window=3d,7d,14d).
  RULE "ruleset" sweeps the ruleset file instead (ruleset:thresholds.review=30:50:5, rules.ID.weight).
  The rule set is compiled once per value with every check of a rule file, the records are read once (and kept
  in memory), and one row per value gives alerts, precision, recall, instance recall, benign alert rate and the
  rule's own hits and false alerts, then instance recall per typology and false alerts per benign family.

Exit 0 when the evaluation ran, 2 when it could not run. With --fail-over-budget, exit 1 when the evaluation ran
and any rule is over its budget (the report is printed all the same), for use as a gate in scripts and CI.
${FORMAT_HELP}`

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand('eval', USAGE, argv, {
    labels: { type: 'string' },
    rules: { type: 'string' },
    format: { type: 'string' },
    list: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    'fail-over-budget': { type: 'boolean', default: false },
    sweep: { type: 'string' },
  })
  if (!args.ok) return args.code
  const { values } = args
  const input = singleInput(args.positionals, USAGE)
  if (!input) return 2
  if (!values.labels) {
    process.stderr.write(`txscreen eval: --labels is required\n${USAGE}\n`)
    return 2
  }

  const spec = values.sweep === undefined ? undefined : parseSweepSpec(values.sweep)
  if (typeof spec === 'string' || (spec && values['fail-over-budget'])) {
    process.stderr.write(`txscreen eval: ${typeof spec === 'string' ? spec : '--fail-over-budget applies to the plain report, not to --sweep'}\n`)
    return 2
  }

  const rules = await loadRulesOrReport(values.rules, 'txscreen eval')
  if (!rules) return 2
  const { ruleset } = rules
  let labels, watchlists, source
  try {
    labels = parseLabels(await readFile(values.labels, 'utf8'))
    watchlists = await loadWatchlists(values.list)
    source = await openInput(input, namedFormat(values.format))
  } catch (err) {
    process.stderr.write(`txscreen eval: ${(err as Error).message}\n`)
    return 2
  }

  if (spec) return evalSweep(spec, rules, source, labels, watchlists, values.json)
  const screener = new Screener(ruleset, watchlists ? { watchlists } : {})
  const screened = await screenLabelled(screenBytes(source.blocks, source.format, new InProcessEngine(screener)), labels)
  const report = withBudgets(screened, ruleset.rules)
  process.stdout.write(values.json ? `${JSON.stringify({ ruleset: ruleset.version, ...report }, null, 2)}\n` : formatReport(report))
  // the figures above are then those of an unsorted file, not of the transfers as they happened
  if (screener.outOfOrder > 0) process.stderr.write(`txscreen eval: ${outOfOrderWarning(screener.outOfOrder, ruleset.latenessMs)}\n`)
  return values['fail-over-budget'] && (report.overBudget?.length ?? 0) > 0 ? 1 : 0
}
