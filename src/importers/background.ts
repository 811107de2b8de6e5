import { benignDay } from '../gen/benign/day.ts'
import { defaultAccounts } from '../gen/generate.ts'
import { buildPopulation } from '../gen/population.ts'
import { Rng } from '../gen/prng.ts'
import { rfc3339 } from '../gen/clock.ts'
import { minorToText } from '../gen/money.ts'
import { purposeOf } from '../gen/writer.ts'
import type { Draft } from '../gen/types.ts'
import type { Imported } from './output.ts'

const DAY_MS = 86_400_000

/** a generated benign transfer in the shape of an imported one */
function toImported(d: Draft, row: number): Imported {
  const body: Record<string, unknown> = { timestamp: rfc3339(d.ts), amount: minorToText(d.amount), currency: d.currency, channel: d.channel, sender: d.sender, receiver: d.receiver }
  if (d.reference !== undefined) body.reference = d.reference
  const purpose = purposeOf(d)
  if (purpose !== undefined) body.purpose = purpose
  if (d.location !== undefined) body.location = d.location
  if (d.device !== undefined) body.device = d.device
  return { ts: d.ts, row, body }
}

/**
 * Places imported (pattern) records into `count` generated benign records over the same days, so precision and
 * the benign alert rate mean something. The imported records are held in memory (the pattern files are small);
 * the background is made and written one day at a time by the generator's benign part. Generated parties have
 * `c…` ids, imported ones `bank:account`, so the two never share an account.
 */
export async function* withBackground(items: Imported[], count: number, seed: number): AsyncGenerator<Imported> {
  if (items.length === 0) return
  items.sort((a, b) => a.ts - b.ts || a.row - b.row)
  const firstDay = Math.floor(items[0]!.ts / DAY_MS)
  const days = Math.floor(items[items.length - 1]!.ts / DAY_MS) - firstDay + 1
  const pop = buildPopulation(seed, Math.min(defaultAccounts(count), Math.max(400, Math.round((2 * count) / days))), firstDay * DAY_MS)
  const rng = Rng.derive(seed, 'background')
  let next = 0
  let made = 0
  for (let day = 0; day < days; day++) {
    const budget = Math.floor((count * (day + 1)) / days) - made
    made += budget
    const today: Imported[] = benignDay(rng, pop, day, budget).map((d, i) => toImported(d, items.length + made + i))
    const dayEnd = (firstDay + day + 1) * DAY_MS
    while (next < items.length && items[next]!.ts < dayEnd) today.push(items[next++]!)
    today.sort((a, b) => a.ts - b.ts)
    yield* today
  }
}
