/** One entry of a watchlist: a sanctioned person, organisation, vessel or aircraft, with its other names. */
export interface WatchlistEntry {
  list: string
  id: string
  name: string
  aliases: string[]
  type: 'person' | 'org' | 'vessel' | 'aircraft' | 'unknown'
  /** ISO 3166-1 alpha-2 codes where known, else country names as the list gives them */
  countries?: string[]
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

export interface NameMatch {
  entry: WatchlistEntry
  score: number
  /** the entry's name or alias that matched best */
  matchedName: string
  /** aligned query and candidate tokens with their similarity */
  explanation: { query: string; candidate: string; score: number }[]
}

export interface NameSearchOptions {
  type?: 'person' | 'org'
  country?: string
  birthDate?: string
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
