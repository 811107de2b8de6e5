import type { Population } from '../population.ts'
import type { Rng } from '../prng.ts'
import type { PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'

/** what a family may use once per run to build what its episodes share (shops, desks, principals) */
export interface FamilySetup {
  rng: Rng
  pop: Population
  /** records a day in this run, to size a cast */
  perDay: number
  /** phone numbers on the indicator list so far (the planted contacts), for near misses */
  indicatorPhones(): readonly string[]
}

/** one stretch of a family's behaviour: every transfer falls inside the context's span */
export type Episode = (ctx: PlantContext) => Draft[]

/**
 * A hard-negative family: benign behaviour that looks like a typology to a naive rule. Its transfers are
 * labelled with its name in labels.csv (`family`), so eval can count the false alerts each family raises.
 */
export interface BenignFamily {
  /** the label in labels.csv and the name `--benign-families` takes */
  name: string
  /** one line for --help: what it is and what it trips */
  summary: string
  /** share of all records the family aims at */
  share: number
  /** days the shortest episode needs; none starts closer than this to the end of the run */
  minDays: number
  /** the longest span an episode may have */
  maxDays: number
  /** builds the family's cast once per run and returns how one episode is made */
  start(setup: FamilySetup): Episode
}
