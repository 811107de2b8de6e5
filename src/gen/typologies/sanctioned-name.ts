import type { Party } from '../../core/record/schema.ts'
import { inListedYear } from '../birth-dates.ts'
import { FOREIGN_CITIES, HOME_COUNTRIES } from '../geography.ts'
import type { ListedPerson } from '../sanctioned/listed-people.ts'
import { writeVariant } from '../sanctioned/name-variants.ts'
import type { Draft } from '../types.ts'
import { currencyOf, type Typology } from './context.ts'
import { SANCTIONED_NAME } from './index.ts'

/** what a planted listed person is, for the answer key beside labels.csv (listed.csv) */
export interface ListedParty {
  partyId: string
  written: string
  variant: string
  list: string
  entryId: string
  listed: string
}

/** share of planted listed people whose record carries the list's date of birth, when the list has one */
const LISTED_BIRTH_DATE_SHARE = 0.8

const KNOWN_COUNTRIES = new Set([...HOME_COUNTRIES.map((c) => c.code), ...Object.keys(FOREIGN_CITIES)])

/**
 * R21 (sanctions screening, S34): a listed person from the sanctions list given to generate is the payer or the
 * payee of 1-4 transfers with ordinary customers, over days to weeks. The name is written another way
 * (src/gen/sanctioned/name-variants.ts: another romanisation, order swapped, accents, a middle name or second
 * surname left out, a typo, an a.k.a.); where the list gives a date of birth the record carries it 8 times in 10
 * (a full date in the listed year where the list gives a year), else none; where it gives none, the person's own
 * date as for any customer. The nationality is there when the list has it, half the time, and the party lives in a
 * country the entry is tied to or in a home country. No other shape: the name is the evidence.
 */
export function sanctionedName(people: readonly ListedPerson[]): Typology {
  return {
    label: SANCTIONED_NAME,
    minDays: 1,
    plant(ctx) {
      const rng = ctx.rng
      const person = rng.pick(people)
      const written = writeVariant(rng, person)
      const tied = person.countries.filter((c) => KNOWN_COUNTRIES.has(c))
      const country = tied.length > 0 && rng.chance(0.5) ? rng.pick(tied) : rng.pick(HOME_COUNTRIES).code
      const listed: Party = ctx.party({ country, name: written.name, openedDaysAgo: rng.int(30, 4000) })
      // the bank holds a full date; the list may give a year only, or the customer's file may lack the date
      if (person.birthDate && rng.chance(LISTED_BIRTH_DATE_SHARE)) listed.dateOfBirth = inListedYear(person.birthDate, ctx.pop.factory.fullBirthDate(listed) ?? `${person.birthDate.slice(0, 4)}-07-01`)
      else if (person.birthDate) delete listed.dateOfBirth
      if (person.nationality && rng.chance(0.5)) listed.nationality = person.nationality
      else delete listed.nationality
      const drafts: Draft[] = []
      for (let i = 0, n = rng.int(1, 4), day = 0; i < n; i++, day += ctx.gap(0, 12)) {
        const customer = ctx.customer()
        const pays = rng.chance(0.5)
        drafts.push({
          ts: ctx.at(day, 7, 22),
          amount: ctx.fee(150, 25_000, 0.4),
          currency: currencyOf(customer.country.code),
          channel: rng.weighted([['wire', 4], ['money_transfer', 2], ['ach', 1], ['mobile_money', 1]] as const),
          sender: pays ? customer.party : listed,
          receiver: pays ? listed : customer.party,
          reference: rng.pick(['invoice', 'payment', 'loan', 'goods', 'family support', undefined, undefined]),
        })
      }
      return { drafts, listed: [{ partyId: listed.id, written: written.name, variant: written.kind, list: person.list, entryId: person.id, listed: person.listed }] }
    },
  }
}
