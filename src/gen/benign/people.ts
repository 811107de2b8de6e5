import type { Party } from '../../core/record/schema.ts'
import { borderCitiesOf } from '../geography.ts'
import { familyNames, givenNames, regionOf } from '../names.ts'
import type { Person, Population } from '../population.ts'
import type { PlantContext } from '../typologies/context.ts'

/** Who the hard-negative families cast: established customers of the population and new people around them. */

/** customers who send money home every month, with their relative abroad */
export function diaspora(pop: Population): Person[] {
  return pop.persons.filter((p) => p.remit !== undefined)
}

/** up to n different established customers, of one country when given */
export function distinctCustomers(ctx: PlantContext, n: number, country?: string): Person[] {
  const seen = new Set<string>()
  const out: Person[] = []
  for (let tries = 0; out.length < n && tries < n * 6; tries++) {
    const p = ctx.customer(country)
    if (seen.has(p.party.id)) continue
    seen.add(p.party.id)
    out.push(p)
  }
  return out
}

/** a new person named as people of the region are, with the given surname when one is asked for (relatives) */
export function newPerson(ctx: PlantContext, opts: { country: string; region?: string; surname?: string; city?: string; openedDaysAgo?: number; phone?: string }): Party {
  const region = opts.region ?? regionOf(opts.country)
  const surname = opts.surname ?? ctx.rng.pick(familyNames(region))
  return ctx.party({ country: opts.country, city: opts.city, name: `${ctx.rng.pick(givenNames(region))} ${surname}`, openedDaysAgo: opts.openedDaysAgo ?? ctx.rng.int(300, 6000), phone: opts.phone })
}

/** a city of the country, a border or transit-zone city with the given probability when it has one */
export function cityIn(ctx: PlantContext, country: string, borderShare: number, cities: readonly string[]): string {
  const border = borderCitiesOf(country)
  return border.length > 0 && ctx.rng.chance(borderShare) ? ctx.rng.pick(border) : ctx.rng.pick(cities)
}

/** the surname of a person's name (its last word) */
export function surnameOf(party: Party): string {
  const words = (party.name ?? '').split(' ')
  return words[words.length - 1] ?? ''
}
