import { HOME_COUNTRIES } from '../geography.ts'
import { major } from '../money.ts'
import type { Person } from '../population.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { distinctCustomers } from './people.ts'

const NAMES = ['committee', 'kameti', 'tanda', 'hui', 'susu', 'tontine', 'paluwagan', 'esusu', 'gam\'iya', 'cundina', 'chama', 'stokvel']
/** a large club's monthly share is smaller: 20 members of 1,000 would be a 19,000 pot */
const SUMS = [50, 100, 100, 150, 200, 250, 300, 500]

/** one club's monthly rounds: every member but the one whose turn it is pays the same sum, -2 to +5 days of its due day */
function rounds(ctx: PlantContext, members: readonly Person[], sum: number, due0: number, home: string): Draft[] {
  const rng = ctx.rng
  const club = rng.pick(NAMES)
  const currency = currencyOf(home)
  const turn = rng.int(0, members.length - 1)
  const drafts: Draft[] = []
  for (let round = 0; due0 + round * 30 + 5 < ctx.days; round++) {
    const receiver = members[(turn + round) % members.length]!
    for (const m of members) {
      if (m === receiver) continue
      const reference = rng.weighted([[`${club} ${round + 1}`, 3], [club, 3], [undefined, 2]] as const)
      const channel = m.country.code !== home ? 'wire' : rng.weighted([['ach', 3], ['mobile_money', 3], ['wire', 1]] as const)
      drafts.push({ ts: ctx.at(due0 + round * 30 + rng.int(-2, 5), 7, 22), amount: sum, currency, channel, sender: m.party, receiver: receiver.party, reference })
    }
  }
  return drafts
}

/**
 * Savings clubs as large as real ones get (issue 17, fa30): 15-25 members of one community, and in two episodes of
 * five a second club of 8-20 that shares 2-5 of its members with the first (people who save in two clubs, a
 * workplace one and a church or village one), its due day another week of the month. Each member receives 14-24
 * equal payments the month it is their turn, and a member of both clubs pays and receives in both, so equal sums
 * go round through several people.
 */
function episode(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const home = rng.pick(HOME_COUNTRIES).code
  const members = distinctCustomers(ctx, rng.int(15, 25), home)
  if (members.length < 10) return []
  const first = rng.int(0, Math.min(8, ctx.days - 1))
  const drafts = rounds(ctx, members, major(rng.pick(SUMS)), first, home)
  if (rng.chance(0.4)) {
    const shared = members.slice(0, rng.int(2, 5))
    const others = distinctCustomers(ctx, rng.int(8, 20), home).filter((p) => !members.includes(p))
    drafts.push(...rounds(ctx, [...shared, ...others], major(rng.pick(SUMS)), first + rng.int(7, 20), home))
  }
  return drafts
}

export const largeSavingsClub: BenignFamily = {
  name: 'large_savings_club',
  summary: 'rotating savings clubs of 15-25 members, 2 in 5 with a second club sharing 2-5 members; equal sums monthly to the member whose turn it is: fan-in, 30-day collector, unrelated senders, cycle',
  share: 0.008,
  minDays: 10,
  maxDays: 120,
  start() {
    return episode
  },
}
