import { adContactMatch, sharedIdentifiers } from './contacts.ts'
import { cashInWireOut, funnelAccount, unregisteredRemitter } from './cash.ts'
import { cryptoFeeCollection } from './crypto.ts'
import { feeCollectionFanin, unrelatedSendersSameBeneficiary } from './fee-collection.ts'
import { cycle, fanoutOffshore, gatherScatter } from './graph.ts'
import { layeredStack } from './layering.ts'
import { holdAndRelease } from './hawala.ts'
import { holdAndReleaseRelatives } from './hold-release-relatives.ts'
import { memoCodeWord } from './memo-code-word.ts'
import { routeInstalments } from './route-instalments.ts'
import { structuringMultiPayer } from './structuring-multi-payer.ts'
import { dormantReactivation, mulePassThrough, velocity } from './mules.ts'
import { cashStructuring, multiLocation, structuringTransfer } from './structuring.ts'
import type { Typology } from './context.ts'

/** every planted typology, in a fixed order (the planner cycles through them in shuffled rounds) */
export const TYPOLOGIES: readonly Typology[] = [
  feeCollectionFanin, unrelatedSendersSameBeneficiary, structuringTransfer, cashStructuring, multiLocation,
  funnelAccount, cashInWireOut, unregisteredRemitter, holdAndRelease, routeInstalments, mulePassThrough,
  sharedIdentifiers, gatherScatter, fanoutOffshore, cycle, layeredStack, cryptoFeeCollection, dormantReactivation,
  velocity, adContactMatch, holdAndReleaseRelatives, memoCodeWord, structuringMultiPayer,
]

/** planted only when generate has a sanctions list to take listed people from (by default the vendored one) */
export const SANCTIONED_NAME = 'sanctioned_name'

export const TYPOLOGY_LABELS: readonly string[] = [...TYPOLOGIES.map((t) => t.label), SANCTIONED_NAME]
