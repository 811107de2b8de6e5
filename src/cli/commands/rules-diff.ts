import { readFile } from 'node:fs/promises'
import { InProcessEngine, Screener, screenBytes } from '../../core/index.ts'
import { formatDiff } from '../../eval/format-diff.ts'
import { parseLabels } from '../../eval/labels.ts'
import { pairedOutputs } from '../../eval/paired-outputs.ts'
import { RulesetDiff } from '../../eval/ruleset-diff.ts'
import { parseCommand, singleInput } from '../args.ts'
import { FORMAT_HELP, FORMAT_USAGE, namedFormat, openInput } from '../input-source.ts'
import { loadRulesetOrReport, loadWatchlists } from '../load-ruleset.ts'

export const DIFF_USAGE = `usage: txscreen rules diff --base DIR --candidate DIR <records> [--labels FILE] [--json] [--sample N]
                         ${FORMAT_USAGE} [--list FORMAT:PATH ...]

Backtest: screens the records with both rule sets and shows what the candidate changes: the alerts it adds and
removes, decisions that move between review and block, the alert volume change, each rule's hits under both (with
--labels, its hits on illicit records and its false alerts, and each side's precision and recall), and a sample
of the records whose decision changes (--sample N, default 20). --json prints the report as JSON with the keys
records, labelled, base, candidate, added, removed, changed, alertVolumeChange and byRule. The records are read
twice, so they must be a file, not stdin. Exit 0 when the diff ran, 2 otherwise.
${FORMAT_HELP}`

export async function runDiff(argv: string[]): Promise<number> {
  const args = parseCommand('rules diff', DIFF_USAGE, argv, {
    base: { type: 'string' },
    candidate: { type: 'string' },
    labels: { type: 'string' },
    format: { type: 'string' },
    list: { type: 'string', multiple: true },
    sample: { type: 'string' },
    json: { type: 'boolean', default: false },
  })
  if (!args.ok) return args.code
  const { values } = args
  const input = singleInput(args.positionals, DIFF_USAGE)
  if (!input) return 2
  const fail = (message: string) => {
    process.stderr.write(`txscreen rules diff: ${message}\n`)
    return 2
  }
  if (!values.base || !values.candidate) return fail(`--base and --candidate are required\n${DIFF_USAGE}`)
  if (input === '-') return fail('the records are read once per rule set: give a file, not stdin')
  const sample = values.sample === undefined ? 20 : Number(values.sample)
  if (!Number.isInteger(sample) || sample < 0) return fail(`--sample must be a whole number, got "${values.sample}"`)

  const base = await loadRulesetOrReport(values.base, 'txscreen rules diff (base)')
  if (!base) return 2
  const candidate = await loadRulesetOrReport(values.candidate, 'txscreen rules diff (candidate)')
  if (!candidate) return 2
  let labels, watchlists, baseInput, candidateInput
  try {
    labels = values.labels ? parseLabels(await readFile(values.labels, 'utf8')) : undefined
    watchlists = await loadWatchlists(values.list)
    const format = namedFormat(values.format)
    baseInput = await openInput(input, format)
    candidateInput = await openInput(input, format)
  } catch (err) {
    return fail((err as Error).message)
  }
  const options = watchlists ? { watchlists } : {}
  const screen = (source: typeof baseInput, ruleset: typeof base) =>
    screenBytes(source.blocks, source.format, new InProcessEngine(new Screener(ruleset, options)))
  const diff = new RulesetDiff({ base: base.version, candidate: candidate.version }, labels, sample)
  for await (const [b, c] of pairedOutputs(screen(baseInput, base), screen(candidateInput, candidate))) diff.add(b, c)
  const report = diff.report()
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDiff(report))
  return 0
}
