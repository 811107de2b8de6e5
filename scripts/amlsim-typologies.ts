// AMLSim's eight alert typologies, planted the way its typology classes build them (IBM AMLSim,
// src/amlsim/model/aml/*Typology.java; docs/aml-graph.md describes each), on accounts of an existing benign
// population. Used by scripts/amlsim-plant.ts and by test/rules/aml-graph-planted.test.ts.
//
// Every alert has a member count, an amount range [min, max] and a period of steps (days) [start, end]; AMLSim's
// margin ratio (0.1 by default) is what each member keeps of what it passes on.
import { Rng } from '../src/gen/prng.ts'

export const PLANTED_TYPOLOGIES = [
  'fan_in', 'fan_out', 'cycle', 'bipartite', 'stack', 'random', 'scatter_gather', 'gather_scatter',
] as const
export type PlantedTypology = (typeof PLANTED_TYPOLOGIES)[number]

export interface PlantedTransfer {
  src: string
  dst: string
  amount: number
  step: number
}

export interface AlertShape {
  members: string[]
  min: number
  max: number
  start: number
  end: number
  margin: number
  /** the population's payees of an account, for the random walk (AMLSim walks each account's beneficiary list) */
  payeesOf: (account: string) => readonly string[]
}

const between = (rng: Rng, lo: number, hi: number) => lo + rng.float() * (hi - lo)
const stepIn = (rng: Rng, lo: number, hi: number) => rng.int(lo, Math.max(lo, hi))

/** the transfers of one alert of a typology */
export function plantAlert(type: PlantedTypology, a: AlertShape, rng: Rng): PlantedTransfer[] {
  const [main, ...rest] = a.members as [string, ...string[]]
  const amount = () => between(rng, a.min, a.max)
  const middle = Math.floor((a.start + a.end) / 2)
  const out: PlantedTransfer[] = []
  const pay = (src: string, dst: string, amt: number, step: number) => out.push({ src, dst, amount: amt, step })
  switch (type) {
    case 'fan_in':
      // every other member pays the main account once, at a step of the period, a sum from the range
      for (const m of rest) pay(m, main, amount(), stepIn(rng, a.start, a.end))
      break
    case 'fan_out':
      for (const m of rest) pay(main, m, amount(), stepIn(rng, a.start, a.end))
      break
    case 'cycle': {
      // hop i pays member i+1 (the last closes the ring); the first hop at the start, the second at the end, the
      // rest at random steps, not in ring order; one running sum, the range's maximum less the margin each time a
      // hop is made (so in time order, not ring order), never below the minimum
      const ring = a.members
      const steps = ring.map((_, i) => (i === 0 ? a.start : i === 1 ? a.end : stepIn(rng, a.start, a.end)))
      const order = ring.map((_, i) => i).sort((x, y) => steps[x]! - steps[y]! || x - y)
      let amt = a.max
      for (const i of order) {
        pay(ring[i]!, ring[(i + 1) % ring.length]!, amt, steps[i]!)
        amt = Math.max(amt * (1 - a.margin), a.min)
      }
      break
    }
    case 'bipartite': {
      // the first half pay every account of the second half, each payer one sum to all, at one step
      const half = Math.floor(a.members.length / 2)
      for (const orig of a.members.slice(0, half)) {
        const amt = amount()
        const step = stepIn(rng, a.start, a.end)
        for (const bene of a.members.slice(half)) pay(orig, bene, amt, step)
      }
      break
    }
    case 'stack': {
      // a third pay every account of the middle third (first half of the period), which passes all it got, less the
      // margin, in equal parts to every account of the rest (second half): two stacked bipartite layers
      const third = Math.floor(a.members.length / 3)
      const origs = a.members.slice(0, third)
      const mids = a.members.slice(third, 2 * third)
      const benes = a.members.slice(2 * third)
      const received = new Map<string, number>()
      for (const orig of origs) {
        const amt = amount()
        const step = stepIn(rng, a.start, middle)
        for (const mid of mids) {
          pay(orig, mid, amt, step)
          received.set(mid, (received.get(mid) ?? 0) + amt)
        }
      }
      for (const mid of mids) {
        const step = stepIn(rng, middle + 1, a.end)
        for (const bene of benes) pay(mid, bene, (received.get(mid)! * (1 - a.margin)) / benes.length, step)
      }
      break
    }
    case 'random': {
      // a walk from the main account: each hop goes to a random payee of the account the last hop reached, at
      // ordered random steps of the period, passing on what it got less up to the margin
      const steps = a.members.map(() => stepIn(rng, a.start, a.end)).sort((x, y) => x - y)
      let at = main
      let amt = amount()
      const seen = new Set([main])
      for (const step of steps) {
        const payees = a.payeesOf(at).filter((p) => !seen.has(p))
        const next = payees.length > 0 ? rng.pick(payees) : rest.find((m) => !seen.has(m))
        if (!next) break
        seen.add(next)
        pay(at, next, amt, step)
        amt *= 1 - rng.float() * a.margin
        at = next
      }
      break
    }
    case 'scatter_gather': {
      // the main account pays each intermediary the range's maximum (first half); each pays it on to one
      // beneficiary, less the margin (second half)
      const [bene, ...mids] = rest
      const gathered = Math.max(a.max * (1 - a.margin), a.min)
      for (const mid of mids) {
        pay(main, mid, a.max, stepIn(rng, a.start, middle))
        pay(mid, bene!, gathered, stepIn(rng, middle, a.end))
      }
      break
    }
    case 'gather_scatter': {
      // half the others pay the main account sums from the range (the first at the start, the rest by the middle);
      // after the middle it pays the total less the margin in equal parts to the other half (the last at the end)
      const payers = rest.slice(0, Math.floor(rest.length / 2))
      const payees = rest.slice(payers.length)
      let total = 0
      payers.forEach((p, i) => {
        const amt = amount()
        total += amt
        pay(p, main, amt, i === 0 ? a.start : stepIn(rng, a.start, middle))
      })
      const part = (total * (1 - a.margin)) / payees.length
      payees.forEach((p, i) => pay(main, p, part, i === 0 ? a.end : stepIn(rng, middle + 1, a.end)))
      break
    }
  }
  return out
}

export interface PlantOptions {
  seed: number
  /** alerts per typology */
  perType: number
  types?: readonly PlantedTypology[]
  /** member counts drawn in this range (AMLSim's 1K example: 5) */
  members?: [number, number]
  /** period lengths in steps */
  period?: [number, number]
  /** max / min of an alert's amount range (alerts-10k's fan-ins spread their sums up to 1.43 times) */
  spread?: [number, number]
  margin?: number
}

export interface BenignTransfer {
  src: string
  dst: string
  amount: number
  step: number
}

export interface PlantedAlert {
  id: string
  type: PlantedTypology
  transfers: PlantedTransfer[]
}

/**
 * Alerts of each typology on accounts of a benign population (each account in at most one alert), their amount
 * ranges starting at one of the population's own sums, their periods inside its steps.
 */
export function plantAlerts(benign: readonly BenignTransfer[], o: PlantOptions): PlantedAlert[] {
  const rng = Rng.derive(o.seed, 'amlsim-plant')
  const [minMembers, maxMembers] = o.members ?? [5, 7]
  const [minPeriod, maxPeriod] = o.period ?? [5, 20]
  const [minSpread, maxSpread] = o.spread ?? [1, 1.5]
  const payees = new Map<string, string[]>()
  let lastStep = 0
  let firstStep = Number.POSITIVE_INFINITY
  for (const t of benign) {
    let list = payees.get(t.src)
    if (!list) payees.set(t.src, (list = []))
    if (!list.includes(t.dst)) list.push(t.dst)
    lastStep = Math.max(lastStep, t.step)
    firstStep = Math.min(firstStep, t.step)
  }
  const accounts = rng.shuffle([...payees.keys()].sort())
  const used = new Set<string>()
  let next = 0
  const take = () => {
    while (used.has(accounts[next]!)) next++
    const a = accounts[next++]
    if (a === undefined) throw new Error('the population has too few accounts for these alerts')
    used.add(a)
    return a
  }
  const alerts: PlantedAlert[] = []
  for (const type of o.types ?? PLANTED_TYPOLOGIES) {
    for (let i = 0; i < o.perType; i++) {
      const members = Array.from({ length: rng.int(minMembers, maxMembers) }, take)
      const period = rng.int(minPeriod, maxPeriod)
      const start = rng.int(firstStep, lastStep - period)
      const min = rng.pick(benign).amount
      const shape: AlertShape = {
        members, min, max: min * between(rng, minSpread, maxSpread), start, end: start + period,
        margin: o.margin ?? 0.1, payeesOf: (acct) => payees.get(acct) ?? [],
      }
      const transfers = plantAlert(type, shape, rng)
      // the random walk leaves the member set: its accounts are no longer free for other alerts
      for (const t of transfers) used.add(t.dst)
      alerts.push({ id: String(100_000 + alerts.length), type, transfers })
    }
  }
  return alerts
}
