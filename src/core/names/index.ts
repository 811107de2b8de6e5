// Name and indicator screening: the API the rule engine and the CLI use.
export type { DetailEffect, Indicator, IndicatorIndex, NameIndex, NameMatch, NameSearchOptions, PartyDetails, TokenPair, WatchlistEntry } from './types.ts'
export { buildNameIndex, DEFAULT_NAME_THRESHOLD, type NameIndexOptions } from './name-index.ts'
export { buildIndicatorIndex } from './indicator-index.ts'
export { normaliseIndicator, phoneDigits } from './normalize-indicator.ts'
export { normaliseName, type NameKind, type NormalName } from './normalize-name.ts'
export { compareNames, ONE_WORD_CAP, type NameComparison, type ScoreRule } from './compare-names.ts'
export { jaroWinkler } from './jaro-winkler.ts'
