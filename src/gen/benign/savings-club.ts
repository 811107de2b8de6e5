import { HOME_COUNTRIES } from '../geography.ts'
import { major } from '../money.ts'
import type { Person } from '../population.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { distinctCustomers } from './people.ts'

/** what communities call a rotating savings club (committee, tanda, hui, susu, tontine …) */
const NAMES = ['committee', 'kameti', 'tanda', 'hui', 'susu', 'tontine', 'paluwagan', 'esusu', 'gam\'iya', 'cundina']
const SUMS = [100, 150, 200, 250, 300, 400, 500, 600, 750, 1000]
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * A rotating savings club: 6-12 members in different cities (now and then another country) each pay the same
 * round sum every month to the member whose turn it is. Money goes round the members, which is a cycle, and each
 * month one of them receives from many unrelated people.
 */
function episode(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const home = rng.pick(HOME_COUNTRIES).code
  const currency = currencyOf(home)
  const size = rng.int(6, 12)
  // one club in five has a member who has moved to another country
  const away = rng.chance(0.2) ? 1 : 0
  const members: Person[] = [...distinctCustomers(ctx, size - away, home), ...distinctCustomers(ctx, away, rng.pick(HOME_COUNTRIES).code)]
  if (members.length < 3) return []
  const club = rng.pick(NAMES)
  const sum = major(rng.pick(SUMS))
  const turn = rng.int(0, members.length - 1)
  const drafts: Draft[] = []
  const first = rng.int(0, Math.min(8, ctx.days - 1))
  for (let round = 0; first + round * 30 + 4 < ctx.days; round++) {
    const due = first + round * 30
    const receiver = members[(turn + round) % members.length]!
    const month = MONTHS[new Date(ctx.dayMs + due * 86_400_000).getUTCMonth()]!
    for (const m of members) {
      if (m === receiver) continue
      const reference = rng.weighted([[`${club} ${month}`, 3], [`${club} #${(turn + round) % members.length + 1}`, 2], [club, 2], [undefined, 2]] as const)
      const channel = m.country.code !== home ? 'wire' : rng.weighted([['ach', 3], ['mobile_money', 2], ['wire', 1]] as const)
      drafts.push({ ts: ctx.at(due + rng.int(-2, 4), 7, 22), amount: sum, currency, channel, sender: m.party, receiver: receiver.party, reference })
    }
  }
  return drafts
}

export const savingsClub: BenignFamily = {
  name: 'savings_club',
  summary: 'rotating savings clubs (committee, tanda, hui, susu, tontine): 6-12 members in different cities pay the same sum monthly to the member whose turn it is: fan-in, unrelated senders, cycle',
  share: 0.012,
  minDays: 6,
  maxDays: 90,
  start() {
    return episode
  },
}
