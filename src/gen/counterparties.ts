import type { Party } from '../core/record/schema.ts'
import { timeOn } from './clock.ts'
import { HOME_COUNTRIES, REMITTANCE_CORRIDORS, citiesOf } from './geography.ts'
import { major } from './money.ts'
import { BUSINESS_WORDS, LEGAL_FORMS, familyNames, givenNames, regionOf } from './names.ts'
import { isoDate, phoneNumber, type PartyFactory } from './parties.ts'
import { Rng } from './prng.ts'
import { DAY_MS, type Currency, type Draft } from './types.ts'

const ABROAD = [...new Set(REMITTANCE_CORRIDORS.map((r) => r.to))]
/** stream tag of the pool's per-party random numbers, apart from every derived stream */
const POOL_STREAM = 0x5851_f42d

/**
 * A pool of `size` parties that most everyday transfers are drawn from when the run asks for a sparse
 * population (`--counterparties N`). Party i is made from the seed and i alone whenever it is drawn, so a pool
 * of millions holds no memory; drawn uniformly, with N about twice the records most parties appear once or twice.
 * A lean pool (`--lean-parties`) makes parties of the fields every record needs alone (id, name, type, account,
 * country), and every everyday transfer is drawn from it: records of about 300 bytes, as a bank's core fields.
 */
export class CounterpartyPool {
  constructor(
    private readonly seed: number,
    readonly size: number,
    private readonly factory: PartyFactory,
    private readonly startMs: number,
    readonly lean = false,
  ) {}

  /** the share of everyday transfers drawn from the pool rather than the population */
  get share(): number {
    return this.lean ? 1 : 0.9
  }

  /** party i of the pool: the same party (id, account, name, place) every time */
  party(i: number): Party {
    const rng = new Rng(this.seed ^ POOL_STREAM, i)
    const abroad = rng.chance(0.1)
    const country = abroad ? rng.pick(ABROAD) : rng.pick(HOME_COUNTRIES).code
    const region = regionOf(abroad || rng.chance(0.75) ? country : rng.pick(ABROAD))
    const business = !abroad && rng.chance(0.15)
    const city = rng.pick(citiesOf(country))
    const surname = rng.pick(familyNames(region))
    const name = business ? `${surname} ${rng.pick(BUSINESS_WORDS.merchant)} ${rng.pick(LEGAL_FORMS[country] ?? ['Ltd'])}` : `${rng.pick(givenNames(region))} ${surname}`
    const party = this.factory.atIndex(i, {
      name,
      type: business ? 'business' : 'person',
      country,
      city,
      phone: rng.chance(0.7) ? phoneNumber(rng, country) : undefined,
      accountOpened: isoDate(this.startMs - rng.int(30, 7000) * DAY_MS),
    })
    return this.lean ? { id: party.id, name: party.name, type: party.type, account: party.account, country: party.country } : party
  }

  /** one ordinary transfer between two parties of the pool, on the day that starts at dayMs */
  transfer(rng: Rng, dayMs: number): Draft {
    const i = rng.int(0, this.size - 1)
    let j = rng.int(0, this.size - 2)
    if (j >= i) j++
    const sender = this.party(i)
    const receiver = this.party(j)
    const currency: Currency = HOME_COUNTRIES.find((c) => c.code === sender.country)?.currency ?? 'USD'
    const ts = timeOn(rng, dayMs, 6, 23.5)
    if (receiver.type === 'business') {
      const card = rng.chance(0.7)
      return { ts, amount: major(rng.logInt(3, card ? 400 : 4000)) + rng.int(0, 99), currency, channel: card ? 'card' : 'ach', sender, receiver, location: card ? { country: receiver.country, city: receiver.city } : undefined }
    }
    if (receiver.country === sender.country) {
      return { ts, amount: major(rng.logInt(5, 800)) + rng.int(0, 99), currency, channel: rng.weighted([['ach', 3], ['mobile_money', 3], ['wire', 1]] as const), sender, receiver }
    }
    return { ts, amount: major(rng.logInt(40, 2500)) + rng.int(0, 99), currency, channel: rng.chance(0.5) ? 'money_transfer' : 'wire', sender, receiver }
  }
}
