/**
 * What the rules need from watchlists and indicator lists; `src/core/names` provides it.
 * Structural, so rules compile without lists and tests can pass small ones.
 */
export interface NameSearch {
  search(
    query: string,
    opts?: { type?: 'person' | 'org'; limit?: number; minScore?: number; dateOfBirth?: string; nationality?: string; country?: string },
  ): { entry: { list: string; id: string; name: string }; score: number; matchedName: string }[]
}

export interface IndicatorLookup {
  lookup(
    type: 'phone' | 'email' | 'handle' | 'wallet' | 'account' | 'name',
    rawValue: string,
  ): { list: string; type: string; value: string; source?: string; note?: string }[]
}

export interface Watchlists {
  names?: NameSearch
  indicators?: IndicatorLookup
}
