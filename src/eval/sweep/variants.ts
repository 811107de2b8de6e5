import levenshtein from 'fast-levenshtein'
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml'
import { compileRuleset, formatRuleIssue, type CompiledRuleset, type RuleSource } from '../../core/index.ts'
import type { SweepSpec } from './spec.ts'

/**
 * The rule set compiled with the swept parameter at one value; `rule` is the swept rule's index in it, undefined
 * when the parameter is the ruleset file's (a threshold, a weight, a list) and may change every verdict.
 */
export interface Variant {
  value: number | string
  ruleset: CompiledRuleset
  rule: number | undefined
}

/** the name that sweeps a parameter of the ruleset file (`ruleset:thresholds.review=30:50:5`) rather than of a rule */
export const RULESET = 'ruleset'

export interface Variants {
  /** where the swept value is written, as file:line:column */
  at: string
  /** its value in the rule file as it stands */
  current: number | string
  variants: Variant[]
}

/**
 * One compiled rule set per value of the sweep: rules are data, so the rule file's parsed YAML gets the value
 * at the path and the whole set is compiled again, with every check a rule file gets. A message when the rule or
 * path does not exist, the value there is not a single number or text, or a value does not compile.
 */
export function sweepVariants(sources: readonly RuleSource[], spec: SweepSpec): Variants | string {
  const found = spec.rule === RULESET ? findRuleset(sources) : findRule(sources, spec.rule)
  if (typeof found === 'string') return found
  const { index, doc: probe } = found
  const source = sources[index]!
  const located = locate(probe, spec.path)
  if (typeof located === 'string') return `--sweep: ${source.path}: ${located}`
  const { path, current, offset } = located
  const at = `${source.path}:${lineColumn(source.text, offset)}`
  const variants: Variant[] = []
  for (const given of spec.values) {
    if (typeof current === 'number' && typeof given !== 'number') return `--sweep: ${at}: ${spec.path.join('.')} is a number (${current}); "${given}" is not`
    // a text that holds a number (a rate such as "1.08") takes the number as text
    const value = typeof current === 'string' ? String(given) : given
    const doc = parseDocument(source.text)
    const node = doc.getIn(path, true)
    if (!isScalar(node)) throw new Error('sweep: the located value moved')
    node.value = value
    const edited = sources.map((s, i) => (i === index ? { path: s.path, text: doc.toString() } : s))
    const result = compileRuleset(edited)
    if (!result.ok) return `--sweep: ${spec.path.join('.')}=${value} does not compile:\n${result.issues.map(formatRuleIssue).join('\n')}`
    const rule = spec.rule === RULESET ? undefined : result.ruleset.rules.findIndex((r) => r.id === spec.rule)
    if (rule === -1) return `--sweep: rule "${spec.rule}" is switched off in the ruleset (enabled: false); a sweep needs it on`
    variants.push({ value, ruleset: result.ruleset, rule })
  }
  return { at, current, variants }
}

/** the ruleset file, parsed; a rule file with the id "ruleset" would make `ruleset:` ambiguous */
function findRuleset(sources: readonly RuleSource[]): { index: number; doc: Document } | string {
  let found: { index: number; doc: Document } | undefined
  for (const [index, source] of sources.entries()) {
    const doc = parseDocument(source.text)
    if (doc.errors.length > 0) continue
    if (doc.get('kind') === 'rule' && doc.get('id') === RULESET) return `--sweep: ${source.path} is a rule with the id "${RULESET}", which --sweep reserves for the ruleset file; rename the rule`
    if (doc.get('kind') === 'ruleset') found = { index, doc }
  }
  return found ?? '--sweep: no ruleset file (kind: ruleset) among the rule files'
}

/** the rule file whose id is `id`, parsed */
function findRule(sources: readonly RuleSource[], id: string): { index: number; doc: Document } | string {
  const ids: string[] = []
  for (const [index, source] of sources.entries()) {
    const doc = parseDocument(source.text)
    if (doc.errors.length > 0 || doc.get('kind') !== 'rule') continue
    const ruleId = doc.get('id')
    if (ruleId === id) return { index, doc }
    if (typeof ruleId === 'string') ids.push(ruleId)
  }
  const near = ids.filter((x) => levenshtein.get(x, id) <= 2)
  return `--sweep: no rule file with id "${id}"${near.length > 0 ? `; did you mean ${near.map((x) => `"${x}"`).join(' or ')}?` : ''}`
}

/**
 * walks the YAML down `segments` (keys of maps, indices of lists) to one number or text; field names hold dots
 * themselves (`sender.type: { in: [...] }`), so a map key may take several segments
 */
function locate(doc: Document, segments: readonly string[]): { path: (string | number)[]; current: number | string; offset: number } | string {
  let node: unknown = doc.contents
  const path: (string | number)[] = []
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s]!
    const here = path.length > 0 ? path.join('.') : 'the top level'
    if (isMap(node)) {
      let key: string | undefined
      for (let end = s + 1; end <= segments.length && key === undefined; end++) {
        const joined = segments.slice(s, end).join('.')
        if (node.has(joined)) {
          key = joined
          s = end - 1
        }
      }
      if (key === undefined) {
        const keys = node.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key))
        return `no "${seg}" in ${here}; ${keys.length > 0 ? `it has ${keys.join(', ')}` : 'it is empty'} (a sweep varies a value the file states: write it there first)`
      }
      node = node.get(key, true)
      path.push(key)
    } else if (isSeq(node)) {
      const n = node.items.length
      const i = /^\d+$/.test(seg) ? Number(seg) : Number.NaN
      if (!(i < n)) return `${here} is a list of ${n}; expected an index from 0 to ${n - 1}, got "${seg}"`
      node = node.get(i, true)
      path.push(i)
    } else {
      return `${here} is a single value; it has no "${seg}"`
    }
  }
  const where = path.join('.')
  if (!isScalar(node)) return `${where} is a ${isSeq(node) ? 'list' : isMap(node) ? 'map' : 'reference'}, not one value; give the path down to a number or text, such as ${where}.${isSeq(node) ? '0' : '<key>'}`
  const current = node.value
  if (typeof current !== 'number' && typeof current !== 'string') return `${where} is ${JSON.stringify(current)}; a sweep varies a number or a text such as a duration`
  return { path, current, offset: node.range?.[0] ?? 0 }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `${before.length}:${before.at(-1)!.length + 1}`
}
