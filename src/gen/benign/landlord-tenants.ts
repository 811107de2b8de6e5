import { HOME_COUNTRIES } from '../geography.ts'
import { major } from '../money.ts'
import { LEGAL_FORMS } from '../names.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { distinctCustomers, newPerson } from './people.ts'

/**
 * A private landlord (a person, not a letting company) with 8-22 tenants: rooms in shared houses and a few flats.
 * Each tenant pays their own rent, 450-1,800 with odd pounds, the same every month, around the first (two days
 * early to six days late), by standing order or bank transfer; a third of them are established customers, the rest
 * new people. The landlord pays the mortgages (a bank) and a builder or agent. Many unrelated payers, four-figure
 * sums each, all within a few days: what a fee collector's month looks like, except that the same people pay the
 * same sums every month.
 */
function episode(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const country = rng.pick(HOME_COUNTRIES)
  const code = country.code
  const currency = currencyOf(code)
  const landlord = ctx.customer(code)
  const n = rng.int(8, 22)
  const customers = distinctCustomers(ctx, Math.round(n / 3), code).filter((p) => p !== landlord).map((p) => p.party)
  const tenants = [...customers]
  while (tenants.length < n) tenants.push(newPerson(ctx, { country: code, city: landlord.city }))
  const rents = tenants.map(() => major(rng.int(450, 1800)))
  const bank = ctx.party({ country: code, type: 'business', name: `${rng.pick(['Nationwide', 'Albion', 'Crown', 'Union'])} Mortgages ${LEGAL_FORMS[code]?.[0] ?? 'Ltd'}` })
  const drafts: Draft[] = []
  const due = rng.int(0, Math.min(10, ctx.days - 1))
  for (let month = 0; due + month * 30 + 6 < ctx.days; month++) {
    const day = due + month * 30
    let taken = 0
    tenants.forEach((t, i) => {
      // now and then a tenant leaves a month out (moved out, paid late into the next)
      if (rng.chance(0.06)) return
      taken += rents[i]!
      const channel = rng.weighted([['ach', 6], ['wire', 2], ['mobile_money', 1]] as const)
      drafts.push({ ts: ctx.at(day + rng.int(-2, 6), 6, 22), amount: rents[i]!, currency, channel, sender: t, receiver: landlord.party, reference: rng.weighted([['rent', 4], [`rent room ${i + 1}`, 2], [`flat ${rng.int(1, 9)} rent`, 1], [undefined, 2]] as const) })
    })
    drafts.push({ ts: ctx.at(day + rng.int(7, 10), 8, 18), amount: Math.floor(taken * rng.int(45, 70) / 100), currency, channel: 'ach', sender: landlord.party, receiver: bank, reference: 'mortgage' })
  }
  return drafts
}

export const landlordTenants: BenignFamily = {
  name: 'landlord_tenants',
  summary: 'a private landlord with 8-22 tenants each paying their own rent (450-1,800) every month around the first: fan-in, 30-day collector, unrelated senders',
  share: 0.006,
  minDays: 10,
  maxDays: 120,
  start() {
    return episode
  },
}
