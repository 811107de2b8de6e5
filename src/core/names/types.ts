/** One entry of a watchlist: a sanctioned person, organisation, vessel or aircraft, with its other names. */
export interface WatchlistEntry {
  list: string
  id: string
  name: string
  aliases: string[]
  type: 'person' | 'org' | 'vessel' | 'aircraft' | 'unknown'
  /**
   * countries the entry is tied to (addresses, nationalities, citizenships): ISO 3166-1 alpha-2 codes where known,
   * else country names as the list gives them
   */
  countries?: string[]
  /** nationalities and citizenships alone, the same way */
  nationalities?: string[]
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  birthDates?: string[]
  programs?: string[]
  remarks?: string
  /** IMO numbers, registration numbers and the like: one shared with the query makes the entry a match */
  identifiers?: string[]
}

/** An intelligence indicator: a phone number, e-mail, handle, wallet, account or name seen in illicit activity. */
export interface Indicator {
  list: string
  type: 'phone' | 'email' | 'handle' | 'wallet' | 'account' | 'name'
  value: string
  source?: string
  note?: string
}

/**
 * One token of either name in the explanation: an aligned pair, or a token left without a partner (the other side
 * empty, score 0). Weights are what the score used: a word's length scaled by its rarity in the lists (1 for a word
 * in at most one entry), a light token's fixed weight.
 */
export interface TokenPair {
  query: string
  candidate: string
  score: number
  queryWeight: number
  candidateWeight: number
}

/** What one detail did: both sides' values, how they compare, and the change to the score. */
export interface DetailEffect {
  detail: 'dateOfBirth' | 'nationality' | 'country'
  query: string
  listed: string[]
  outcome: 'same' | 'same-year' | 'near' | 'different'
  change: number
}

export interface NameMatch {
  entry: WatchlistEntry
  score: number
  /** the entry's name or alias that matched best */
  matchedName: string
  /** every token of both names: the aligned pairs with their similarity, then the unmatched tokens */
  explanation: TokenPair[]
  /** the score from the names alone, before the details */
  nameScore: number
  /**
   * what set the name score besides the aligned tokens: `one-word` when only one word of a query of several was
   * found (capped under the threshold), `lead` when a one-word query is a telling part of the name (see docs/names.md)
   */
  rule?: 'one-word' | 'lead'
  /** what the date of birth, nationality and country did, for those both sides have */
  details: DetailEffect[]
}

/** A party's supporting details, compared with a list entry's when both have them. */
export interface PartyDetails {
  /** YYYY-MM-DD, YYYY-MM or YYYY */
  dateOfBirth?: string
  /** ISO 3166-1 alpha-2 */
  nationality?: string
  /** ISO 3166-1 alpha-2: where the party lives or is registered */
  country?: string
}

export interface NameSearchOptions extends PartyDetails {
  type?: 'person' | 'org'
  limit?: number
  minScore?: number
  /** the query's identifiers (IMO number, registration number); an entry sharing one matches whatever its name */
  identifiers?: string[]
}

export interface NameIndex {
  size: number
  search(query: string, opts?: NameSearchOptions): NameMatch[]
}

export interface IndicatorIndex {
  size: number
  lookup(type: Indicator['type'], rawValue: string): Indicator[]
}
