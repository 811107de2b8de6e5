import Decimal from 'decimal.js'

/**
 * `--sweep RULE:PATH=VALUES`: one parameter of one rule file, tried at several values. PATH is the dotted path
 * of the value in the rule file (list entries by index: `score.bands.0.from`, `require.total.gte`); VALUES is
 * a comma-separated list (`2,3,4`, `3d,5d,7d`) or an inclusive numeric range `FROM:TO:STEP` (`2:6:1`).
 */
export interface SweepSpec {
  rule: string
  path: string[]
  values: (number | string)[]
}

export const SWEEP_SYNTAX = 'RULE:PATH=V1,V2,... or RULE:PATH=FROM:TO:STEP, such as structuring-transfer:score.bands.0.from=2,3,4'
/** a sweep screens once per value; more than this is a typo more often than a plan */
export const MAX_SWEEP_VALUES = 100

const SPEC = /^([a-z0-9][a-z0-9_-]*):([^=]+)=(.*)$/
const SEGMENT = /^[A-Za-z0-9_-]+$/
const NUMBER = /^-?\d+(\.\d+)?$/

/** the spec, or a message saying what is wrong with it */
export function parseSweepSpec(text: string): SweepSpec | string {
  const m = SPEC.exec(text.trim())
  if (!m) return `--sweep "${text}": expected ${SWEEP_SYNTAX}`
  const [, rule, pathText, valuesText] = m as unknown as [string, string, string, string]
  const path = pathText.split('.')
  const bad = path.find((s) => !SEGMENT.test(s))
  if (bad !== undefined) return `--sweep "${text}": the path "${pathText}" has ${bad === '' ? 'an empty part' : `a bad part "${bad}"`}; expected keys and list indices joined by ".", such as score.bands.0.from`
  const values = valuesText.includes(':') ? range(valuesText) : list(valuesText)
  if (typeof values === 'string') return `--sweep "${text}": ${values}`
  if (values.length > MAX_SWEEP_VALUES) return `--sweep "${text}": ${values.length} values, at most ${MAX_SWEEP_VALUES}`
  return { rule, path, values }
}

function list(text: string): (number | string)[] | string {
  const parts = text.split(',').map((p) => p.trim())
  const empty = parts.findIndex((p) => p === '')
  if (empty >= 0) return parts.length === 1 ? 'no values after "="' : `value ${empty + 1} of "${text}" is empty`
  const values = parts.map((p) => (NUMBER.test(p) ? Number(p) : p))
  const seen = new Set<number | string>()
  for (const v of values) {
    if (seen.has(v)) return `the value ${v} is given twice`
    seen.add(v)
  }
  return values
}

/** FROM:TO:STEP, inclusive of TO when a step lands on it; counted in decimals so 0.1 steps stay exact */
function range(text: string): number[] | string {
  const parts = text.split(':')
  if (parts.length !== 3 || parts.some((p) => !NUMBER.test(p.trim()))) return `a range is FROM:TO:STEP with three numbers, such as 2:6:1 or 0.5:0.9:0.1; got "${text}"`
  const [from, to, step] = parts.map((p) => new Decimal(p.trim())) as [Decimal, Decimal, Decimal]
  if (step.isZero() || (to.gt(from) && step.isNeg()) || (to.lt(from) && step.isPos())) return `the range ${text} never reaches ${to} from ${from} by steps of ${step}`
  const count = to.minus(from).div(step).floor().toNumber() + 1
  if (count > MAX_SWEEP_VALUES) return `the range ${text} has ${count} values, at most ${MAX_SWEEP_VALUES}`
  return Array.from({ length: count }, (_, i) => from.plus(step.times(i)).toNumber())
}
