import { compileRuleset, formatRuleIssue, type CompiledRuleset, type RuleSource, type Watchlists } from '../core/index.ts'
import { DEFAULT_RULES_DIR, parsedRuleCache, readRuleSources } from '../rules-fs.ts'

/** Rules from a folder, compiled; every problem printed with file:line:column. Undefined means exit 2. */
export async function loadRulesetOrReport(dir: string | undefined, command: string): Promise<CompiledRuleset | undefined> {
  return (await loadRulesOrReport(dir, command))?.ruleset
}

/** The same, with the rule files as read, for commands that compile variants of them. */
export async function loadRulesOrReport(dir: string | undefined, command: string): Promise<{ sources: RuleSource[]; ruleset: CompiledRuleset } | undefined> {
  const path = dir ?? DEFAULT_RULES_DIR
  let sources
  try {
    sources = await readRuleSources(path)
  } catch (err) {
    process.stderr.write(`${command}: cannot read rules from ${path}: ${(err as Error).message}\n`)
    return undefined
  }
  const result = compileRuleset(sources, { parsed: await parsedRuleCache() })
  if (!result.ok) {
    for (const issue of result.issues) process.stderr.write(`${formatRuleIssue(issue)}\n`)
    process.stderr.write(`${command}: ${result.issues.length} problem(s) in the rules; nothing was screened\n`)
    return undefined
  }
  return { sources, ruleset: result.ruleset }
}

/** `--list FORMAT:PATH` options to watchlists; undefined when none were given. */
export async function loadWatchlists(specs: string[] | undefined): Promise<Watchlists | undefined> {
  if (!specs || specs.length === 0) return undefined
  const { loadLists } = await import('../lists/load.ts')
  const lists = await loadLists(specs)
  return { names: lists.names, indicators: lists.indicators }
}
