/**
 * A rule's definition as text: everything its compiled closures are made from but the ruleset's weight. Two rules
 * with equal definitions, screened under equal rates, base currency and lateness (`screeningContext`), give the
 * same hits on the same transfers but for their scores, which the weight scales (equal weights: equal hits): a
 * shadow rule set takes such a rule's hits from the active set rather than run it again.
 * Undefined when the rule file holds a value this cannot write exactly (the rule then counts as changed).
 */
export function ruleDefinition(ruleFile: unknown, set: { evidenceLimit: number; baseCurrency: string; lists: Readonly<Record<string, unknown>> }): string | undefined {
  // the lists the rule names ("$name" anywhere in its file), as the ruleset states them
  const named = new Set<string>()
  collectListNames(ruleFile, named)
  const lists = [...named].sort().map((name) => [name, Object.hasOwn(set.lists, name) ? set.lists[name] : null])
  return exactText([ruleFile, set.evidenceLimit, set.baseCurrency, lists])
}

/** what every rule of a set is screened under beside its own definition */
export function screeningContext(ruleset: { baseCurrency: string; rates: Readonly<Record<string, string>>; latenessMs: number }): string {
  return JSON.stringify([ruleset.baseCurrency, Object.entries(ruleset.rates).sort(([a], [b]) => (a < b ? -1 : 1)), ruleset.latenessMs])
}

function collectListNames(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value.startsWith('$')) into.add(value.slice(1))
  } else if (Array.isArray(value)) {
    for (const v of value) collectListNames(v, into)
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      collectListNames(k, into)
      collectListNames(v, into)
    }
  }
}

/** JSON of plain parsed YAML, with numbers JSON cannot write (Infinity, NaN, -0) kept apart; undefined for anything else */
function exactText(value: unknown): string | undefined {
  let exact = true
  const text = JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : { number: String(Object.is(v, -0) ? '-0' : v) }
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v
    if (Array.isArray(v)) return v
    if (typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v))) return v
    exact = false
    return null
  })
  return exact ? text : undefined
}
