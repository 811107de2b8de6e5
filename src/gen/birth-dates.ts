import { Rng } from './prng.ts'
import { DAY_MS } from './types.ts'

/**
 * Dates of birth of generated people. A bank knows the date of birth of most of its natural-person customers (KYC);
 * `--birth-dates` says which share carries one (DEFAULT_BIRTH_DATE_SHARE). Each date is drawn from its own stream,
 * keyed by the party's id value, so adding dates changes no other draw of a run: the same seed writes the same
 * people, transfers and labels with or without them.
 */
export const DEFAULT_BIRTH_DATE_SHARE = 0.9

/** stream tag of the per-party birth dates, apart from every derived stream */
const BIRTH_STREAM = 0x2b99_2ddf

export class BirthDates {
  constructor(
    private readonly seed: number,
    /** the day ages are counted at (the run's first day) */
    private readonly atMs: number,
    /** share of people who carry a date of birth (0: none, as before the generator wrote them) */
    readonly share: number,
  ) {}

  /** the date of birth the party of this id value carries, or undefined for the share without one */
  of(idValue: number): string | undefined {
    if (this.share <= 0) return undefined
    const rng = new Rng(this.seed ^ BIRTH_STREAM, idValue)
    return rng.chance(this.share) ? this.draw(rng) : undefined
  }

  /** the party's date of birth whatever the share (a planted person whose list gives a year takes its day and month) */
  always(idValue: number): string {
    const rng = new Rng(this.seed ^ BIRTH_STREAM, idValue)
    rng.float()
    return this.draw(rng)
  }

  // adults of 18 to 90, most of working age: the mean of two uniform ages (peak about 50)
  private draw(rng: Rng): string {
    const ageDays = Math.round(((rng.int(18, 70) + rng.int(18, 90)) / 2) * 365.25) + rng.int(0, 364)
    return new Date(this.atMs - ageDays * DAY_MS).toISOString().slice(0, 10)
  }
}

/** A date of birth in a list's year with the day and month of `own` (YYYY-MM-DD): a full date where the list gives a year. */
export function inListedYear(listed: string, own: string): string {
  return listed.length >= 10 ? listed.slice(0, 10) : `${listed.slice(0, 4)}${own.slice(4, 10)}`
}
