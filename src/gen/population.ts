import type { Party } from '../core/record/schema.ts'
import { BirthDates } from './birth-dates.ts'
import type { CounterpartyPool } from './counterparties.ts'
import { FOREIGN_CITIES, HOME_COUNTRIES, REMITTANCE_CORRIDORS, type Country } from './geography.ts'
import { major, type Minor } from './money.ts'
import { BUSINESS_WORDS, LEGAL_FORMS, familyNames, givenNames, regionOf } from './names.ts'
import { PartyFactory, branchCode, emailAddress, isoDate, phoneNumber } from './parties.ts'
import { Rng } from './prng.ts'
import { DAY_MS, type Currency } from './types.ts'

export type BusinessKind = 'employer' | 'merchant' | 'cash_shop' | 'utility' | 'msb' | 'supplier' | 'exchange' | 'landlord'

export interface Business {
  party: Party
  kind: BusinessKind
  country: Country
  currency: Currency
  city: string
  branch: string
  /** day of month the payroll runs (employers) */
  payday: number
  /** people who bring the day's cash to the bank (cash shops) */
  staff: Person[]
}

export interface Person {
  party: Party
  country: Country
  currency: Currency
  city: string
  given: string
  surname: string
  branch: string
  device: string
  /** first simulated day the account exists; 0 for established customers */
  activeFromDay: number
  employer?: Business
  salary: Minor
  landlord?: Party
  rent: Minor
  rentDay: number
  bills: { utility: Business; day: number; amount: Minor }[]
  savings?: { account: Party; day: number; amount: Minor }
  remit?: { relative: Party; day: number; amount: Minor; viaMsb?: Business; twice: boolean }
  wallet?: Party
}

export interface Population {
  persons: Person[]
  businesses: Business[]
  byCountry: Map<string, { persons: Person[]; merchants: Business[]; cashShops: Business[]; suppliers: Business[]; msbs: Business[] }>
  exchanges: Business[]
  /** foreign charities, schools and clinics that many unrelated diaspora donors pay: a legitimate many-to-one */
  charities: Map<string, Party[]>
  walletHolders: Person[]
  factory: PartyFactory
  startMs: number
  /** a sparse pool that most everyday transfers are drawn from (`--counterparties`); absent: the population only */
  counterparties?: CounterpartyPool
}

const COUNTRY_WEIGHTS: readonly (readonly [Country, number])[] = HOME_COUNTRIES.map((c) => [c, { US: 30, GB: 18, DE: 14, FR: 10, IT: 7, BE: 3, NL: 4, AU: 7, CA: 7 }[c.code] ?? 3] as const)

/**
 * The fixed population of accounts. It depends only on the seed, the account count and the start date, never on
 * the number of records, so runs of different lengths share it. `birthDateShare` of its people (and of the people
 * made later by its factory) carry a date of birth (src/gen/birth-dates.ts).
 */
export function buildPopulation(seed: number, accounts: number, startMs: number, birthDateShare = 0): Population {
  const rng = Rng.derive(seed, 'population')
  const factory = new PartyFactory(seed, new BirthDates(seed, startMs, birthDateShare))
  const pop: Population = { persons: [], businesses: [], byCountry: new Map(), exchanges: [], charities: new Map(), walletHolders: [], factory, startMs }
  for (const c of HOME_COUNTRIES) pop.byCountry.set(c.code, { persons: [], merchants: [], cashShops: [], suppliers: [], msbs: [] })

  const opened = (minYears: number, maxYears: number) => isoDate(startMs - rng.int(minYears * 365, maxYears * 365) * DAY_MS)
  const makeBusiness = (kind: BusinessKind, country: Country, words: readonly string[], city?: string): Business => {
    const place = city ?? (rng.chance(0.1) && country.borderCities.length > 0 ? rng.pick(country.borderCities) : rng.pick(country.cities))
    const surname = rng.pick(familyNames(regionOf(country.code)))
    const name = `${rng.chance(0.5) ? surname : place} ${rng.pick(words)} ${rng.pick(LEGAL_FORMS[country.code] ?? ['Ltd'])}`
    const type = kind === 'msb' || kind === 'exchange' ? 'msb' : 'business'
    const party = factory.make({ name, type, country: country.code, city: place, accountOpened: opened(1, 25), phone: phoneNumber(rng, country.code) })
    const b: Business = { party, kind, country, currency: country.currency, city: place, branch: branchCode(party.institution ?? 'BANK', place, rng.int(1, 12)), payday: rng.int(1, 28), staff: [] }
    pop.businesses.push(b)
    return b
  }

  // businesses first, so that people can be attached to employers, landlords and utilities in their own country
  const employers = new Map<string, Business[]>()
  const utilities = new Map<string, Business[]>()
  const landlords = new Map<string, Business[]>()
  for (const c of HOME_COUNTRIES) {
    utilities.set(c.code, [0, 1, 2].map(() => makeBusiness('utility', c, BUSINESS_WORDS.utility, c.cities[0])))
    landlords.set(c.code, [0, 1].map(() => makeBusiness('landlord', c, ['Property', 'Lettings', 'Housing'])))
    const slot = pop.byCountry.get(c.code)!
    slot.msbs.push(makeBusiness('msb', c, BUSINESS_WORDS.msb), makeBusiness('msb', c, BUSINESS_WORDS.msb))
  }
  pop.exchanges.push(...[0, 1, 2].map((i) => makeBusiness('exchange', HOME_COUNTRIES[i]!, ['Crypto Exchange', 'Digital Assets'])))
  for (const to of new Set(REMITTANCE_CORRIDORS.map((r) => r.to))) {
    const words = ['Orphan Fund', 'Community School', 'Health Clinic', 'Mosque Association', 'Relief Foundation', 'Parish Fund']
    const city = rng.pick(FOREIGN_CITIES[to] ?? ['Capital'])
    pop.charities.set(to, [0, 1].map(() => factory.make({ name: `${city} ${rng.pick(words)}`, type: 'business', country: to, city, accountOpened: opened(3, 30) })))
  }
  const nBusinesses = Math.max(20, Math.round(accounts * 0.12))
  for (let i = 0; i < nBusinesses; i++) {
    const country = rng.weighted(COUNTRY_WEIGHTS)
    const slot = pop.byCountry.get(country.code)!
    const kind = rng.weighted<BusinessKind>([['employer', 3], ['merchant', 6], ['cash_shop', 2], ['supplier', 1]])
    if (kind === 'employer') employers.set(country.code, [...(employers.get(country.code) ?? []), makeBusiness(kind, country, BUSINESS_WORDS.employer)])
    else if (kind === 'merchant') slot.merchants.push(makeBusiness(kind, country, BUSINESS_WORDS.merchant))
    else if (kind === 'cash_shop') slot.cashShops.push(makeBusiness(kind, country, BUSINESS_WORDS.cashShop))
    else slot.suppliers.push(makeBusiness(kind, country, BUSINESS_WORDS.supplier))
  }

  const nPersons = Math.max(50, accounts - pop.businesses.length)
  for (let i = 0; i < nPersons; i++) pop.persons.push(makePerson(rng, pop, factory, employers, landlords, utilities, opened))

  // cash shops are run by people who live in the same country; they carry the cash to the bank
  for (const c of HOME_COUNTRIES) {
    const slot = pop.byCountry.get(c.code)!
    for (const shop of slot.cashShops) shop.staff = rng.sample(slot.persons.length > 0 ? slot.persons : pop.persons, rng.int(1, 3))
  }
  return pop
}

function makePerson(
  rng: Rng,
  pop: Population,
  factory: PartyFactory,
  employers: Map<string, Business[]>,
  landlords: Map<string, Business[]>,
  utilities: Map<string, Business[]>,
  opened: (a: number, b: number) => string,
): Person {
  const country = rng.weighted(COUNTRY_WEIGHTS)
  const slot = pop.byCountry.get(country.code)!
  const corridors = REMITTANCE_CORRIDORS.filter((r) => r.from === country.code)
  const diaspora = corridors.length > 0 && rng.chance(0.28) ? rng.weighted(corridors.map((r) => [r.to, r.weight] as const)) : undefined
  const region = regionOf(diaspora ?? country.code)
  const given = rng.pick(givenNames(region))
  // a household shares a surname, a phone and a device with someone already in the population
  const household = rng.chance(0.12) && slot.persons.length > 0 ? rng.pick(slot.persons) : undefined
  const surname = household?.surname ?? rng.pick(familyNames(region))
  const city = household?.city ?? (rng.chance(0.08) && country.borderCities.length > 0 ? rng.pick(country.borderCities) : rng.pick(country.cities))
  const activeFromDay = rng.chance(0.06) ? rng.int(1, 400) : 0
  const party = factory.make({
    name: `${given} ${surname}`,
    type: 'person',
    country: country.code,
    city,
    phone: household?.party.phone ?? (rng.chance(0.85) ? phoneNumber(rng, country.code) : undefined),
    email: household && rng.chance(0.5) ? household.party.email : rng.chance(0.7) ? emailAddress(rng, given, surname) : undefined,
    accountOpened: activeFromDay > 0 ? isoDate(pop.startMs + activeFromDay * DAY_MS) : opened(1, 30),
    nationality: diaspora && rng.chance(0.6) ? diaspora : country.code,
  })
  const p: Person = {
    party, country, currency: country.currency, city, given, surname,
    branch: branchCode(party.institution ?? 'BANK', city, rng.int(1, 12)),
    device: household?.device ?? `dev-${rng.hex(12)}`,
    activeFromDay,
    salary: 0, rent: 0, rentDay: rng.int(1, 5), bills: [],
  }
  const local = employers.get(country.code) ?? []
  if (local.length > 0 && rng.chance(0.65)) {
    p.employer = rng.pick(local)
    p.salary = major(rng.logInt(1400, 7500)) + rng.int(0, 99)
  }
  if (rng.chance(0.45)) {
    // a private landlord from the population, or a letting company; rents reach just under 3,000
    const neighbour = slot.persons.length > 0 ? rng.pick(slot.persons) : undefined
    p.landlord = neighbour && neighbour.city === city && rng.chance(0.7) ? neighbour.party : rng.pick(landlords.get(country.code)!).party
    p.rent = major(rng.chance(0.08) ? rng.int(2700, 2995) : rng.int(550, 2400))
  }
  for (const utility of rng.sample(utilities.get(country.code)!, rng.int(1, 3))) {
    p.bills.push({ utility, day: rng.int(1, 28), amount: major(rng.int(25, 240)) + rng.int(0, 99) })
  }
  if (rng.chance(0.3)) p.savings = { account: factory.secondAccount(party), day: rng.int(1, 28), amount: major(rng.logInt(50, 2000)) }
  if (diaspora) {
    const relativeCity = rng.pick(FOREIGN_CITIES[diaspora] ?? ['Capital'])
    const relative = factory.make({
      name: `${rng.pick(givenNames(region))} ${surname}`, type: 'person', country: diaspora, city: relativeCity,
      phone: rng.chance(0.6) ? phoneNumber(rng, diaspora) : undefined, nationality: diaspora,
    })
    // family remittances sit in the same 200-5,000 range as smuggling fees
    const amount = major(rng.chance(0.25) ? rng.int(1500, 5000) : rng.logInt(200, 1500))
    p.remit = { relative, day: rng.int(1, 28), amount, viaMsb: rng.chance(0.3) ? rng.pick(slot.msbs) : undefined, twice: rng.chance(0.15) }
  }
  if (rng.chance(0.06)) {
    p.wallet = factory.make({ name: `${given} ${surname}`, type: 'person', country: country.code, city, wallet: true })
    pop.walletHolders.push(p)
  }
  slot.persons.push(p)
  return p
}
