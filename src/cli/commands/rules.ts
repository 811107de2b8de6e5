import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { compileRuleset, describeRuleLimits, formatRuleIssue, RuleFileSchema, RulesetFileSchema } from '../../core/index.ts'
import { DEFAULT_RULES_DIR, readRuleSources } from '../../rules-fs.ts'
import { runDiff } from './rules-diff.ts'

const USAGE = `usage:
  txscreen rules check [DIR]        validate rule files (default: the shipped pack) and state the cost limits; exit 2 on any problem
  txscreen rules schema [--out F]   print the JSON Schema of rule and ruleset files, for editors
  txscreen rules diff --base DIR --candidate DIR RECORDS [--labels F] [--json]
                                    backtest: what the candidate changes on the records (--help for more)`

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === 'check') return check(rest)
  if (sub === 'schema') return schema(rest)
  if (sub === 'diff') return runDiff(rest)
  process.stderr.write(`${USAGE}\n`)
  return 2
}

async function check(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true })
  const dir = positionals[0] ?? DEFAULT_RULES_DIR
  let sources
  try {
    sources = await readRuleSources(dir)
  } catch (err) {
    process.stderr.write(`txscreen rules check: cannot read ${dir}: ${(err as Error).message}\n`)
    return 2
  }
  const result = compileRuleset(sources)
  if (!result.ok) {
    for (const issue of result.issues) process.stderr.write(`${formatRuleIssue(issue)}\n`)
    process.stderr.write(`${result.issues.length} problem(s) in ${sources.length} file(s)\n${describeRuleLimits()}\n`)
    return 2
  }
  const rs = result.ruleset
  process.stdout.write(`ok: ${rs.rules.length} rules on in ${sources.length} files, ruleset ${rs.version}\n${describeRuleLimits()}\n`)
  return 0
}

async function schema(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } } })
  const json = z.toJSONSchema(z.union([RuleFileSchema, RulesetFileSchema]), { io: 'input', unrepresentable: 'any' })
  const text = `${JSON.stringify({ title: 'txscreen rule or ruleset file', ...json }, null, 2)}\n`
  if (values.out) await writeFile(values.out, text)
  else process.stdout.write(text)
  return 0
}
