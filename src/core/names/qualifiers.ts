import type { WatchlistEntry } from './types.ts'

// A matching date of birth or country is corroboration; a clearly different one is a reason for doubt, but lists
// are often wrong or incomplete about both, so neither moves a score far.
const BIRTH_DATE_EXACT = 0.08
const BIRTH_YEAR_ONLY = 0.04
const BIRTH_YEAR_MISMATCH = 0.85
const COUNTRY_MATCH = 0.03
const COUNTRY_MISMATCH = 0.95

/** The name score moved by optional date-of-birth and country qualifiers; unknown on either side leaves it. */
export function qualify(score: number, entry: WatchlistEntry, opts: { country?: string; birthDate?: string }): number {
  let s = score
  if (opts.birthDate && entry.birthDates && entry.birthDates.length > 0) {
    const q = opts.birthDate.trim()
    const year = q.slice(0, 4)
    if (entry.birthDates.some((d) => d.length >= 10 && q.length >= 10 && d.slice(0, 10) === q.slice(0, 10))) s += BIRTH_DATE_EXACT
    else if (entry.birthDates.some((d) => d.slice(0, 4) === year)) s += BIRTH_YEAR_ONLY
    else if (entry.birthDates.every((d) => Math.abs(Number(d.slice(0, 4)) - Number(year)) > 1)) s *= BIRTH_YEAR_MISMATCH
  }
  if (opts.country && entry.countries && entry.countries.length > 0) {
    const q = opts.country.trim().toUpperCase()
    s = entry.countries.some((c) => c.toUpperCase() === q) ? s + COUNTRY_MATCH : s * COUNTRY_MISMATCH
  }
  return Math.min(1, s)
}

/** An identifier as lists and payments write it: upper case, no separators, "IMO" before an IMO number dropped. */
export function normaliseIdentifier(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/^IMO(?=\d{7}$)/, '')
}

/** A shared identifier is stronger evidence than any name: the score it gives at least. */
export const IDENTIFIER_MATCH = 0.95
