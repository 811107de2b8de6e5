import type { z } from 'zod'
import type { RuleIssue } from '../errors.ts'
import type { CompiledRule, CompiledRuleset } from './compiled.ts'
import { compileRule } from './compile-rule.ts'
import { parseDuration } from './duration.ts'
import { sizeIssues } from './limits.ts'
import { contentHash } from './hash.ts'
import { ruleDefinition } from './rule-definition.ts'
import { builtInMeasures } from './measures/built-in.ts'
import type { MeasureRegistry } from './measures/registry.ts'
import { ruleFileSchema, RulesetFileSchema, type RuleFile, type RulesetFile } from './schema.ts'
import { splitLists } from './structured-lists.ts'
import { parseYamlSource, type LocatedYaml, type RuleSource } from './yaml-source.ts'

export type CompileResult = { ok: true; ruleset: CompiledRuleset } | { ok: false; issues: RuleIssue[] }

export interface CompileOptions {
  /** the measures rule files may use; default the built-in ones */
  measures?: MeasureRegistry
  /**
   * values of rule files parsed before, by their exact text (a build's cache of the shipped pack): a file found
   * here is not parsed again unless an issue in it needs its line and column
   */
  parsed?: ReadonlyMap<string, unknown>
}

/**
 * Rule and ruleset files (YAML text) to one compiled ruleset. Every problem in every file is
 * reported with file:line:column; nothing is compiled from a set of files that has any.
 */
export function compileRuleset(sources: readonly RuleSource[], opts: CompileOptions = {}): CompileResult {
  const steps = compileSteps(sources, opts)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * The same compilation, giving the event loop a turn whenever it has run for `sliceMs`: the service compiles
 * rule sets published through the API while it screens, and one file (at most `RULE_LIMITS.maxFileBytes`) is the
 * longest it holds the loop.
 */
export async function compileRulesetYielding(sources: readonly RuleSource[], opts: CompileOptions = {}, sliceMs = 10): Promise<CompileResult> {
  const steps = compileSteps(sources, opts)
  let since = performance.now()
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    if (performance.now() - since >= sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0))
      since = performance.now()
    }
  }
}

/** compileRuleset as steps: it yields before each file is read and after each rule is compiled */
function* compileSteps(sources: readonly RuleSource[], opts: CompileOptions): Generator<undefined, CompileResult> {
  const tooLarge = sizeIssues(sources)
  if (tooLarge.length > 0) return { ok: false, issues: tooLarge }
  const measures = opts.measures ?? builtInMeasures
  const ruleSchema = ruleFileSchema(measures)
  const issues: RuleIssue[] = []
  const rules: { file: RuleFile; yaml: LocatedYaml; path: string }[] = []
  const rulesets: { file: RulesetFile; yaml: LocatedYaml; path: string }[] = []

  // ids of rule files that failed validation, so the ruleset does not also complain they are missing
  const failedIds = new Set<string>()
  // a ruleset file that failed validation is not also reported as missing
  let failedRulesets = 0
  for (const source of sources) {
    yield
    const yaml = parseYamlSource(source, opts.parsed?.get(source.text))
    if (yaml.issues.length > 0) {
      issues.push(...yaml.issues)
      continue
    }
    const kind = (yaml.value as { kind?: unknown } | null)?.kind
    if (kind === 'ruleset') {
      const file = validate(RulesetFileSchema, yaml, issues)
      if (file) rulesets.push({ file, yaml, path: source.path })
      else failedRulesets++
    } else if (kind === 'rule') {
      const file = validate(ruleSchema, yaml, issues)
      if (file) rules.push({ file, yaml, path: source.path })
      else failedIds.add(String((yaml.value as { id?: unknown }).id))
    } else {
      issues.push(yaml.issueAt(['kind'], 'expected "kind: rule" or "kind: ruleset"'))
    }
  }

  if (rulesets.length > 1 || (rulesets.length === 0 && failedRulesets === 0)) {
    const where = rulesets[1] ?? rulesets[0]
    const message =
      rulesets.length === 0 ? 'no ruleset file (kind: ruleset) among the rule files' : 'more than one ruleset file (kind: ruleset)'
    issues.push(where ? where.yaml.issueAt(['kind'], message) : { file: sources[0]?.path ?? '(rules)', line: 1, column: 1, message })
  }

  const byId = new Map<string, (typeof rules)[number]>()
  for (const r of rules) {
    const other = byId.get(r.file.id)
    if (other) issues.push(r.yaml.issueAt(['id'], `rule id "${r.file.id}" is also used in ${other.path}`))
    else byId.set(r.file.id, r)
  }

  // with the ruleset readable, rules are compiled even when other files failed, so one run shows every problem
  const set = rulesets.length === 1 ? rulesets[0] : undefined
  if (!set) return { ok: false, issues }

  const { scalars: lists, structured } = splitLists(set.file.lists)
  const compiled: CompiledRule[] = []
  for (const [id, switchboard] of Object.entries(set.file.rules)) {
    const rule = byId.get(id)
    if (!rule) {
      if (!failedIds.has(id)) issues.push(set.yaml.issueAt(['rules'], `no rule file with id "${id}"`, id))
      continue
    }
    if (!switchboard.enabled) continue
    const compiledRule = compileRule(rule.file, {
        lists,
        structured,
        weight: switchboard.weight,
        evidenceLimit: set.file.evidence_limit,
        baseCurrency: set.file.base_currency,
        measures,
        report: (path, message, key) => issues.push(rule.yaml.issueAt(path, message, key)),
      })
    compiledRule.definition = ruleDefinition(rule.yaml.value, { evidenceLimit: set.file.evidence_limit, baseCurrency: set.file.base_currency, lists: set.file.lists })
    compiled.push(compiledRule)
    yield
  }
  for (const [lineup, rs] of Object.entries(set.file.rates)) {
    if (lineup === set.file.base_currency && Number(rs) !== 1) {
      issues.push(set.yaml.issueAt(['rates', lineup], 'the base currency has rate 1 by definition'))
    }
  }
  if (set.file.thresholds.review > set.file.thresholds.block) {
    issues.push(set.yaml.issueAt(['thresholds', 'review'], 'the review threshold must not be above the block threshold'))
  }
  if (issues.length > 0) return { ok: false, issues }

  const hash = contentHash(
    sources
      .map((s) => s.text)
      .sort()
      .join('\u0000'),
  )
  const latenessMs = parseDuration(set.file.lateness)!
  return {
    ok: true,
    ruleset: {
      name: set.file.name,
      version: `${set.file.name}@${set.file.version}#${hash}`,
      baseCurrency: set.file.base_currency,
      rates: Object.fromEntries(Object.entries(set.file.rates).map(([k, v]) => [k, String(v)])),
      thresholds: set.file.thresholds,
      latenessMs,
      maxWindowMs: Math.max(0, ...compiled.map((r) => r.windowMs)),
      rules: compiled,
      lists,
    },
  }
}

function validate<T>(schema: z.ZodType<T>, yaml: LocatedYaml, issues: RuleIssue[]): T | undefined {
  const result = schema.safeParse(yaml.value)
  if (result.success) return result.data
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push(yaml.issueAt(issue.path, `unknown key "${key}"`, key))
    } else if (issue.code === 'invalid_union') {
      issues.push(yaml.issueAt(issue.path, unionMessage(issue)))
    } else if (isMissingKey(issue)) {
      // reported at the parent, which the message then names the key of
      const parent = issue.path.slice(0, -1)
      issues.push(yaml.issueAt(parent, `missing key "${String(issue.path.at(-1))}" (${issue.expected})`))
    } else {
      issues.push(yaml.issueAt(issue.path, issue.message))
    }
  }
  return undefined
}

function isMissingKey(issue: z.core.$ZodIssue): issue is z.core.$ZodIssueInvalidType {
  return issue.code === 'invalid_type' && issue.path.length > 0 && issue.message.endsWith('received undefined')
}

// a branch refused at the union's own place (a plain value where an object stands) went least far
const rank = (branch: z.core.$ZodIssue[]) =>
  branch.length + (branch.every((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_union')) ? 1000 : 0)

// zod reports every branch of a union; the branch that got furthest is the one the analyst meant
function unionMessage(issue: z.core.$ZodIssueInvalidUnion): string {
  let best: z.core.$ZodIssue[] | undefined
  for (const branch of issue.errors) {
    if (branch.some((i) => i.code === 'invalid_value' && i.path.length <= 1 && !best)) continue
    if (!best || rank(branch) < rank(best)) best = branch
  }
  const chosen = best?.[0]
  if (!chosen) return issue.message
  if (isMissingKey(chosen)) {
    const parent = chosen.path.slice(0, -1)
    return `missing key "${String(chosen.path.at(-1))}" (${chosen.expected})${parent.length > 0 ? ` at ${parent.join('.')}` : ''}`
  }
  const sub = chosen.path.length > 0 ? ` at ${chosen.path.join('.')}` : ''
  return chosen.code === 'unrecognized_keys' ? `unknown key "${chosen.keys[0]}"${sub}` : `${chosen.message}${sub}`
}
