import type { RuleIssue } from '../errors.ts'
import { DAY_MS, inDays } from './duration.ts'
import type { RuleSource } from './yaml-source.ts'

/**
 * What one rule set may cost. Rule files come from analysts through the API, so each bound keeps one publication
 * from holding a year of history per entity too many times over, walking the transfer graph without end, or
 * stalling the process while it compiles. `txscreen rules check` prints them; docs/security.md explains them.
 */
export const RULE_LIMITS = {
  /** a rule's `window` */
  maxWindowMs: 366 * DAY_MS,
  /** the ruleset's `lateness` */
  maxLatenessMs: 7 * DAY_MS,
  /** a cycle measure's `max_visits`, per rule and transfer */
  maxCycleVisits: 20_000,
  /** maps and lists inside one another in a file */
  maxNesting: 64,
  /** bytes of one rule or ruleset file (UTF-8) */
  maxFileBytes: 256 * 1024,
  /** bytes of all the files of a rule set */
  maxTotalBytes: 2 * 1024 * 1024,
  maxFiles: 1000,
} as const

/** The limits in one line, as `txscreen rules check` states them. */
export function describeRuleLimits(): string {
  const l = RULE_LIMITS
  return (
    `limits: window at most ${inDays(l.maxWindowMs)}, lateness at most ${inDays(l.maxLatenessMs)}, ` +
    `cycle max_visits at most ${l.maxCycleVisits}, maps and lists nested at most ${l.maxNesting} deep, ` +
    `a file at most ${l.maxFileBytes / 1024} KiB, a rule set at most ${l.maxTotalBytes / 1024 / 1024} MiB and ${l.maxFiles} files`
  )
}

/** Issues for files, or a whole set, too large to read; checked before any YAML is parsed. */
export function sizeIssues(sources: readonly RuleSource[]): RuleIssue[] {
  const issues: RuleIssue[] = []
  const encoder = new TextEncoder()
  let total = 0
  for (const source of sources) {
    const bytes = encoder.encode(source.text).length
    total += bytes
    if (bytes > RULE_LIMITS.maxFileBytes) {
      issues.push({ file: source.path, line: 1, column: 1, message: `the file is ${kib(bytes)} KiB; a rule file may have at most ${RULE_LIMITS.maxFileBytes / 1024} KiB` })
    }
  }
  const where = { file: sources[0]?.path ?? '(rules)', line: 1, column: 1 }
  if (sources.length > RULE_LIMITS.maxFiles) {
    issues.push({ ...where, message: `the rule set has ${sources.length} files; at most ${RULE_LIMITS.maxFiles} are allowed` })
  }
  if (total > RULE_LIMITS.maxTotalBytes && issues.length === 0) {
    issues.push({ ...where, message: `the rule set is ${kib(total)} KiB; at most ${RULE_LIMITS.maxTotalBytes / 1024 / 1024} MiB is allowed` })
  }
  return issues
}

const kib = (bytes: number) => Math.ceil(bytes / 1024)

/** The path to the first map or list nested deeper than the limit, or undefined; iterative, so depth cannot overflow the stack. */
export function tooDeep(value: unknown, max: number = RULE_LIMITS.maxNesting): PropertyKey[] | undefined {
  const stack: { node: unknown; path: PropertyKey[] }[] = [{ node: value, path: [] }]
  while (stack.length > 0) {
    const { node, path } = stack.pop()!
    if (node === null || typeof node !== 'object') continue
    if (path.length >= max) return path
    for (const [k, v] of Object.entries(node)) stack.push({ node: v, path: [...path, Array.isArray(node) ? Number(k) : k] })
  }
  return undefined
}
