import { ageDays } from './age-days.ts'
import { amountRelease } from './amount-release.ts'
import { chain } from './chain.ts'
import { count } from './count.ts'
import { cycle } from './cycle.ts'
import { distinct } from './distinct.ts'
import { fan } from './fan.ts'
import { gapDays } from './gap-days.ts'
import { heldPassOn } from './held-pass-on.ts'
import { indicator } from './indicator.ts'
import { keywordScore } from './keyword-score.ts'
import { max } from './max.ts'
import { nameMatch } from './name-match.ts'
import { newCounterparties } from './new-counterparties.ts'
import { offHabitFanMeasure } from './off-habit-fan.ts'
import { ratio } from './ratio.ts'
import { routeLegs } from './route-legs.ts'
import { scatterGatherMeasure } from './scatter-gather.ts'
import { sharedPayeesMeasure } from './shared-payees.ts'
import { splitPassOnMeasure } from './split-pass-on.ts'
import { MeasureRegistry } from './registry.ts'
import { sum } from './sum.ts'
import { value } from './value.ts'

/** The measures rule files may use, in the order the rule-file schema lists them. */
export const builtInMeasures = new MeasureRegistry([
  count,
  sum,
  max,
  distinct,
  ratio,
  value,
  gapDays,
  ageDays,
  cycle,
  fan,
  newCounterparties,
  offHabitFanMeasure,
  chain,
  scatterGatherMeasure,
  sharedPayeesMeasure,
  splitPassOnMeasure,
  heldPassOn,
  nameMatch,
  indicator,
  amountRelease,
  routeLegs,
  keywordScore,
])
