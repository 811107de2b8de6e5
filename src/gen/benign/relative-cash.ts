import type { Party } from '../../core/record/schema.ts'
import { citiesOf } from '../geography.ts'
import { major, percentOf } from '../money.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { distinctCustomers, newPerson } from './people.ts'

/**
 * Relatives pay cash into a family member's account at their own branches: parents and an aunt topping up a
 * student, children paying into an elderly parent's account. Then the holder takes cash out or pays rent where
 * they live, often another city. Third-party cash from several places, then money out elsewhere.
 */
function episode(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const [holder] = distinctCustomers(ctx, 1)
  if (!holder) return []
  const code = holder.country.code
  const currency = currencyOf(code)
  const drafts: Draft[] = []
  const window = ctx.span(2, 20)
  let total = 0
  let last = 0
  for (let i = 0, n = rng.int(2, 4); i < n; i++) {
    const city = rng.pick(citiesOf(code))
    const relative: Party = newPerson(ctx, { country: code, surname: rng.chance(0.75) ? holder.surname : undefined, city })
    for (let k = 0, m = rng.int(1, 2); k < m; k++) {
      const day = rng.int(0, window)
      const amount = rng.chance(0.5) ? major(rng.int(2, 30) * 100) : major(rng.logInt(200, 3000)) + rng.int(0, 99)
      total += amount
      last = Math.max(last, day)
      drafts.push({ ts: ctx.at(day, 9, 17), amount, currency, channel: 'cash', sender: relative, receiver: holder.party, location: ctx.branch(code, city, holder.party.institution) })
    }
  }
  const outDay = Math.min(ctx.days - 1, last + rng.int(1, 5))
  if (rng.chance(0.5)) {
    drafts.push({ ts: ctx.at(outDay, 8, 21), amount: percentOf(total, rng.int(40, 90)), currency, channel: 'cash', sender: holder.party, receiver: holder.party, purpose: 'cash withdrawal', location: ctx.branch(code, holder.city, holder.party.institution) })
  } else if (holder.landlord) {
    drafts.push({ ts: ctx.at(outDay, 8, 21), amount: percentOf(total, rng.int(60, 100)), currency, channel: 'ach', sender: holder.party, receiver: holder.landlord, reference: rng.pick(['rent', 'rent arrears', 'deposit']) })
  }
  return drafts
}

export const relativeCash: BenignFamily = {
  name: 'relative_cash',
  summary: 'relatives paying cash into a family member\'s account at branches in their own cities, then cash out or rent where the holder lives: third-party deposits, funnel account',
  share: 0.005,
  minDays: 3,
  maxDays: 26,
  start() {
    return episode
  },
}
