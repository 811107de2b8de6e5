import type { Party } from '../../core/record/schema.ts'
import { FOREIGN_CITIES, HOME_COUNTRIES } from '../geography.ts'
import { major } from '../money.ts'
import { LEGAL_FORMS, familyNames, regionOf } from '../names.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'

const SUPPLIER_COUNTRIES: readonly (readonly [string, number])[] = [['TR', 3], ['AE', 2], ['CN', 3], ['IN', 2], ['PK', 2]]
const GOODS = ['Textile', 'Carpet', 'Foods', 'Spices', 'Brassware', 'Electronics', 'Tiles', 'Garments', 'Auto Parts']
const ADVANCES = [3000, 5000, 8000, 10_000, 12_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000]

/**
 * An importer pays one to three suppliers in TR, AE, CN, IN or PK: a round advance against a proforma invoice,
 * then the uneven balance when the goods ship, weeks later, and now and then a freight forwarder. Round
 * payments abroad to corridor countries, several beneficiaries in a month.
 */
function episode(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const home = rng.pick(HOME_COUNTRIES)
  const code = home.code
  const currency = currencyOf(code)
  const importer: Party = ctx.party({ country: code, type: 'business', name: `${rng.pick(familyNames(rng.pick(['arabic', 'southasian', 'turkish', 'eastasian', regionOf(code)])))} ${rng.pick(['Imports', 'Trading', 'Wholesale', 'International'])} ${rng.pick(LEGAL_FORMS[code] ?? ['Ltd'])}`, openedDaysAgo: rng.int(400, 9000) })
  const drafts: Draft[] = []
  for (let i = 0, n = rng.int(1, 3); i < n; i++) {
    const country = rng.weighted(SUPPLIER_COUNTRIES)
    const city = rng.pick(FOREIGN_CITIES[country] ?? ['Export Zone'])
    const supplier = ctx.party({ country, city, type: 'business', name: `${city} ${rng.pick(GOODS)} ${rng.pick(['Co', 'Exports', 'Mills', 'Trading LLC', 'Sanayi'])}` })
    const pi = `PI-${rng.int(1000, 9999)}`
    const advance = major(rng.pick(ADVANCES))
    const day = rng.int(0, Math.max(0, Math.floor(ctx.days / 3)))
    drafts.push({ ts: ctx.at(day, 9, 17), amount: advance, currency, channel: 'wire', sender: importer, receiver: supplier, reference: `${pi} advance ${rng.pick([20, 30, 30, 40, 50])}%` })
    if (rng.chance(0.8)) {
      const balance = Math.floor((advance * rng.int(120, 280)) / 100) + rng.int(0, 99)
      drafts.push({ ts: ctx.at(day + rng.int(5, 40), 9, 17), amount: balance, currency, channel: 'wire', sender: importer, receiver: supplier, reference: `${pi} balance` })
    }
  }
  if (rng.chance(0.4)) {
    const forwarder = ctx.party({ country: rng.pick(['AE', code, 'TR']), type: 'business', name: `${rng.pick(['Swift', 'Gulf', 'Anchor', 'Bridge'])} Freight ${rng.pick(['LLC', 'Ltd'])}` })
    drafts.push({ ts: ctx.at(rng.int(0, ctx.days - 1), 9, 17), amount: major(rng.logInt(300, 3500)) + rng.int(0, 99), currency, channel: 'wire', sender: importer, receiver: forwarder, reference: 'freight' })
  }
  return drafts
}

export const importAdvance: BenignFamily = {
  name: 'import_advance',
  summary: 'importers paying 1-3 suppliers in TR, AE, CN, IN, PK: a round advance, the uneven balance weeks later, a freight forwarder: offshore fan-out, corridor context, round sums',
  share: 0.004,
  minDays: 2,
  maxDays: 60,
  start() {
    return episode
  },
}
