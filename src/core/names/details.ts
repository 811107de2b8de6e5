import type { DetailEffect, PartyDetails, WatchlistEntry } from './types.ts'

// A matching date of birth, nationality or country corroborates a name; a clearly different one is a reason for
// doubt. Lists are often wrong or incomplete about all three (several dates, a year, "circa"), so none moves a score
// far, and a birth date alone weighs less than the name: a shared year is common. A full date that agrees outweighs
// another country of residence.
const SAME_DATE = 0.08
const SAME_YEAR = 0.04
const OTHER_YEAR = 0.85
const SAME_NATIONALITY = 0.03
const OTHER_NATIONALITY = 0.93
const SAME_COUNTRY = 0.02
const OTHER_COUNTRY = 0.95
// dates of birth this many years apart or fewer neither support nor contradict (a year misread, an estimate)
const NEAR_YEARS = 1

/** The most the details can add to a name score: an index leaves this much room when it prunes candidates. */
export const DETAIL_ROOM = SAME_DATE + SAME_NATIONALITY + SAME_COUNTRY

/** Whether the query gives any detail. */
export function hasDetails(d: PartyDetails): boolean {
  return d.dateOfBirth !== undefined || d.nationality !== undefined || d.country !== undefined
}

/**
 * A name score moved by the details both sides have; unknown on either side leaves it. `explain`, when given,
 * receives what each detail did, in the order they apply.
 */
export function applyDetails(score: number, entry: WatchlistEntry, d: PartyDetails, explain?: DetailEffect[]): number {
  let s = score
  const { birthDates, nationalities, countries } = entry
  const born = d.dateOfBirth !== undefined && known(birthDates) ? birthDateOutcome(d.dateOfBirth, birthDates) : undefined
  if (born !== undefined) s = step(s, 'dateOfBirth', d.dateOfBirth!, birthDates!, born, explain)
  if (d.nationality !== undefined && known(nationalities)) s = step(s, 'nationality', d.nationality, nationalities, countryOutcome(d.nationality, nationalities), explain)
  if (d.country !== undefined && known(countries)) {
    const outcome = countryOutcome(d.country, countries)
    // lists' addresses are old and listed people move: another residence does not weigh against the same full date
    s = step(s, 'country', d.country, countries, outcome === DIFFERENT && born === SAME ? NEAR : outcome, explain, OUTCOME_NAMES[outcome])
  }
  return Math.min(1, s)
}

/** What each detail did to `score` (see applyDetails). */
export function explainDetails(score: number, entry: WatchlistEntry, d: PartyDetails): DetailEffect[] {
  const out: DetailEffect[] = []
  applyDetails(score, entry, d, out)
  return out
}

/** `outcome` sets the move; `shown`, when given, is the outcome the explanation reports (one whose move was waived) */
function step(s: number, detail: DetailEffect['detail'], query: string, listed: readonly string[], outcome: Outcome, explain: DetailEffect[] | undefined, shown = OUTCOME_NAMES[outcome]): number {
  const m = MOVES[detail][outcome]
  const next = m >= 0 ? s + m : s * -m
  if (explain) explain.push({ detail, query, listed: [...listed], outcome: shown, change: round3(next - s) })
  return next
}

const SAME = 0
const SAME_YEAR_ONLY = 1
const NEAR = 2
const DIFFERENT = 3
type Outcome = typeof SAME | typeof SAME_YEAR_ONLY | typeof NEAR | typeof DIFFERENT
const OUTCOME_NAMES: Record<Outcome, DetailEffect['outcome']> = { [SAME]: 'same', [SAME_YEAR_ONLY]: 'same-year', [NEAR]: 'near', [DIFFERENT]: 'different' }

/** per detail and outcome: added when positive, else the score is multiplied by its negation */
const MOVES: Record<DetailEffect['detail'], readonly [number, number, number, number]> = {
  dateOfBirth: [SAME_DATE, SAME_YEAR, 0, -OTHER_YEAR],
  nationality: [SAME_NATIONALITY, 0, 0, -OTHER_NATIONALITY],
  country: [SAME_COUNTRY, 0, 0, -OTHER_COUNTRY],
}

/**
 * A query date (YYYY, YYYY-MM or YYYY-MM-DD) against a list's dates: the same full date; the same year or month where
 * one side is less precise; a date within NEAR_YEARS (two full dates of one year that differ, a year misread); else
 * different.
 */
function birthDateOutcome(query: string, listed: readonly string[]): Outcome {
  const q = query.trim()
  let best: Outcome = DIFFERENT
  for (const raw of listed) {
    const d = raw.trim()
    if (q.length >= 10 && d.length >= 10 && q.slice(0, 10) === d.slice(0, 10)) return SAME
    const shorter = Math.min(q.length, d.length, 10)
    if (q.slice(0, shorter) === d.slice(0, shorter)) best = SAME_YEAR_ONLY
    else if (best === DIFFERENT && Math.abs(Number(q.slice(0, 4)) - Number(d.slice(0, 4))) <= NEAR_YEARS) best = NEAR
  }
  return best
}

function countryOutcome(query: string, listed: readonly string[]): Outcome {
  const q = query.trim().toUpperCase()
  for (const c of listed) if (c.toUpperCase() === q) return SAME
  return DIFFERENT
}

function known(list: readonly string[] | undefined): list is readonly string[] {
  return list !== undefined && list.length > 0
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000
}
