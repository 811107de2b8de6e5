import type { Party } from '../../core/record/schema.ts'
import { timeOn } from '../clock.ts'
import { HOME_COUNTRIES, borderCitiesOf, citiesOf, countryOf, type Country } from '../geography.ts'
import { major, type Minor } from '../money.ts'
import { familyNames, givenNames, regionOf } from '../names.ts'
import { branchCode, isoDate, phoneNumber } from '../parties.ts'
import type { Person, Population } from '../population.ts'
import { NO_STRESS, type Knobs, type Stress } from '../knobs.ts'
import type { Rng } from '../prng.ts'
import type { ListedParty } from './sanctioned-name.ts'
import { DAY_MS, type Currency, type Draft } from '../types.ts'

/** an intelligence indicator (typologies.md R32), written to indicators.csv */
export interface Indicator {
  type: 'phone' | 'email' | 'handle' | 'wallet'
  value: string
  source: string
  note: string
}

export interface Planted {
  drafts: Draft[]
  indicators?: Indicator[]
  /** listed people written into the drafts (sanctioned_name), for listed.csv */
  listed?: ListedParty[]
}

/** One planted typology family: its label in labels.csv and how to make one varied instance of it. */
export interface Typology {
  label: string
  /** days the shortest variant needs; the planner does not start it closer than this to the end of the run */
  minDays: number
  plant(ctx: PlantContext): Planted
}

/** What an instance may use: randomness, the population (payers are often ordinary customers) and its time span. */
export class PlantContext {
  constructor(
    readonly rng: Rng,
    readonly pop: Population,
    /** start of the instance's first day, ms */
    readonly dayMs: number,
    /** index of that day in the run */
    readonly day: number,
    /** how many days the instance may span, counting its first day */
    readonly days: number,
    /** this run's shape parameters */
    readonly knobs: Knobs,
    /** amount and gap multipliers for stress runs (planted instances only) */
    readonly stress: Stress = NO_STRESS,
  ) {}

  /** an integer drawn once per run from [lo, hi]: where a range starts, so no two seeds share every minimum */
  knob(key: string, lo: number, hi: number): number {
    return this.knobs.int(key, lo, hi)
  }

  /** an integer in [lowest, hi] whose lowest value is itself a per-run knob in [minLo, minHi] */
  count(key: string, minLo: number, minHi: number, hi: number): number {
    return this.rng.int(this.knobs.int(key, minLo, minHi), hi)
  }

  /** a time on day `offset` of the instance (capped to the span), between two hours */
  at(offset: number, fromHour = 7, toHour = 22): number {
    const d = Math.max(0, Math.min(this.days - 1, Math.floor(offset)))
    return timeOn(this.rng, this.dayMs + d * DAY_MS, fromHour, toHour)
  }

  /** the last whole second of the span */
  get endMs(): number {
    return this.dayMs + this.days * DAY_MS - 1000
  }

  /** a whole-second time between loMs and hiMs after ts, never past the span (then the span's last second) */
  after(ts: number, loMs: number, hiMs: number): number {
    const t = ts + loMs + Math.floor(this.rng.float() * Math.max(0, hiMs - loMs))
    return Math.floor(Math.min(t, this.endMs) / 1000) * 1000
  }

  /** the day of the span a time falls on */
  offsetOf(ts: number): number {
    return Math.floor((ts - this.dayMs) / DAY_MS)
  }

  /** how many days an interval may last, given what is left of the run */
  span(lo: number, hi: number): number {
    return Math.max(0, Math.min(this.days - 1, this.rng.int(lo, hi)))
  }

  /**
   * days between two steps whose timing the sources leave open (a hold of 3-60 days, route legs days to weeks
   * apart), in [lo, hi] times the stress gap scale; not capped to the span. Windows a typology is defined by
   * (72 hours, a week, 24 hours) use `span` and are not stretched.
   */
  gap(lo: number, hi: number): number {
    const days = this.rng.int(lo, hi)
    return this.stress.gapScale === 1 ? days : Math.round(days * this.stress.gapScale)
  }

  /** an established customer of the population: relatives who pay fees are ordinary people with ordinary histories */
  customer(country?: string): Person {
    const list = country ? this.pop.byCountry.get(country)?.persons ?? this.pop.persons : this.pop.persons
    for (let i = 0; i < 50; i++) {
      const p = this.rng.pick(list.length > 0 ? list : this.pop.persons)
      if (p.activeFromDay <= this.day) return p
    }
    return this.rng.pick(this.pop.persons)
  }

  /** a new party: `opened` is days before the instance starts (negative: years of dormancy are just large numbers) */
  party(opts: { country: string; city?: string; type?: 'person' | 'business' | 'msb'; openedDaysAgo?: number; region?: string; name?: string; wallet?: boolean; phone?: string | false; email?: string; handle?: string }): Party {
    const rng = this.rng
    const region = opts.region ?? regionOf(opts.country)
    const name = opts.name ?? `${rng.pick(givenNames(region))} ${rng.pick(familyNames(region))}`
    const opened = opts.openedDaysAgo ?? rng.int(200, 3000)
    return this.pop.factory.make({
      name,
      type: opts.type ?? 'person',
      country: opts.country,
      city: opts.city ?? rng.pick(citiesOf(opts.country)),
      phone: opts.phone === false ? undefined : (opts.phone ?? (rng.chance(0.7) ? phoneNumber(rng, opts.country) : undefined)),
      email: opts.email,
      handle: opts.handle,
      accountOpened: isoDate(this.dayMs - opened * DAY_MS),
      nationality: rng.chance(0.5) ? opts.country : undefined,
      wallet: opts.wallet,
    })
  }

  /** a party in a border or transit-zone city (BORDER_ZONE) */
  borderParty(country: string, opts: { type?: 'person' | 'business' | 'msb'; openedDaysAgo?: number } = {}): Party {
    const cities = borderCitiesOf(country)
    return this.party({ ...opts, country, city: cities.length > 0 ? this.rng.pick(cities) : undefined })
  }

  /** a home country and its currency, optionally restricted */
  home(codes?: readonly string[]): Country {
    return codes ? countryOf(this.rng.pick(codes)) : this.rng.pick(HOME_COUNTRIES)
  }

  /** a fee-sized amount; smugglers' prices are often round, relatives' payments often are not */
  fee(lo: number, hi: number, roundShare = 0.5): Minor {
    const scale = this.stress.amountScale
    if (scale !== 1) {
      lo = Math.max(1, Math.round(lo * scale))
      hi = Math.max(lo, Math.round(hi * scale))
    }
    const units = this.rng.int(lo, hi)
    if (this.rng.chance(roundShare)) {
      const round = Math.round(units / 50) * 50
      return major(Math.max(lo, round > hi ? round - 50 : round))
    }
    return major(units) + this.rng.int(0, 99)
  }

  /** a branch or agent location in a city */
  branch(country: string, city: string, institution = 'AGNT'): { country: string; city: string; branch: string } {
    return { country, city, branch: branchCode(institution, city, this.rng.int(1, 40)) }
  }
}

export function currencyOf(country: string): Currency {
  return HOME_COUNTRIES.find((c) => c.code === country)?.currency ?? 'USD'
}
