import type { Verdict } from '../core/index.ts'

/**
 * A verdict's JSON, the text `JSON.stringify` makes of it. A clear verdict without hits (most real-time calls) is
 * written from its id and rule-set version, about 0.5 µs less a call than stringifying the object on this machine
 * (BENCHMARKS.md, session srv30).
 */
export function verdictJson(verdict: Verdict): string {
  return plainClear(verdict) ? clearVerdictJson(verdict.id, verdict.ruleset) : JSON.stringify(verdict)
}

/** whether a verdict is clear without any hit: its JSON is `clearVerdictJson` of its id and rule-set version */
export function plainClear(verdict: Verdict): boolean {
  return verdict.decision === 'clear' && verdict.score === 0 && verdict.hits.length === 0
}

// the last rule-set version's JSON: one version answers nearly every call
let lastRuleset = ''
let lastRulesetJson = '""'

/** the JSON of a clear verdict without hits, in the order the screener makes a verdict's fields */
export function clearVerdictJson(id: string, ruleset: string): string {
  if (ruleset !== lastRuleset) {
    lastRulesetJson = JSON.stringify(ruleset)
    lastRuleset = ruleset
  }
  return `{"id":${JSON.stringify(id)},"score":0,"decision":"clear","hits":[],"ruleset":${lastRulesetJson}}`
}
