import { compileRuleset, type CompiledRuleset } from '../../../src/core/index.ts'
import { readRuleSources } from '../../../src/rules-fs.ts'

/** The shipped pack (rules/default), compiled as the CLI compiles it */
export async function shippedPack(): Promise<CompiledRuleset> {
  const result = compileRuleset(await readRuleSources())
  if (!result.ok) throw new Error('the pack does not compile')
  return result.ruleset
}

/** Minutes, the unit of a hand-made transfer's time (test/core/helpers.ts `transfer`) */
export const HOUR = 60
export const DAY = 24 * HOUR

/** A private person of a hand-made record */
export const person = (id: string, name: string, country: string, city: string) => ({ id, name, type: 'person' as const, country, city })

/** The rules that hit a verdict, in its order */
export const rulesOn = (v: { hits: { rule: string }[] }) => v.hits.map((h) => h.rule)
