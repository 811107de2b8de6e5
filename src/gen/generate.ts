import { mkdir } from 'node:fs/promises'
import { benignDay } from './benign/day.ts'
import { DEFAULT_BIRTH_DATE_SHARE } from './birth-dates.ts'
import { selectFamilies } from './benign/families.ts'
import { FamilyPlanner } from './benign/family-planner.ts'
import { CounterpartyPool } from './counterparties.ts'
import { writeIndicators } from './indicators.ts'
import { Knobs } from './knobs.ts'
import { Planner } from './planner.ts'
import { buildPopulation } from './population.ts'
import { Rng } from './prng.ts'
import type { LabelledDraft } from './types.ts'
import { DEFAULT_SANCTIONS_LIST, loadListedPeople } from './sanctioned/listed-people.ts'
import { writeListed } from './sanctioned/write-listed.ts'
import { TYPOLOGIES } from './typologies/index.ts'
import { sanctionedName } from './typologies/sanctioned-name.ts'
import { RecordWriter } from './writer.ts'

export interface GenerateOptions {
  seed: number
  records: number
  outDir: string
  /** first simulated day, YYYY-MM-DD (UTC) */
  start: string
  /** size of the fixed population; by default it grows with --records up to MAX_DEFAULT_ACCOUNTS */
  accounts?: number
  /** target share of illicit transfers among all records */
  illicitShare?: number
  /** hard-negative families: `all` (default), `none` or a comma-separated list of names */
  benignFamilies?: string
  /** a sparse pool of this many parties that most everyday transfers are drawn from; absent: none */
  counterparties?: number
  /** stress: multiplies the fee-sized amounts of planted instances (default 1) */
  amountScale?: number
  /** stress: multiplies the days between the steps of planted instances (default 1) */
  gapScale?: number
  /** the pool's parties carry only id, name, type, account and country, and every everyday transfer is drawn from it */
  leanParties?: boolean
  /**
   * lists (`FORMAT:PATH`, the formats of `--list`) whose individuals the sanctioned_name typology writes into
   * transfers; absent: the vendored OFAC SDN subset (DEFAULT_SANCTIONS_LIST); empty: the typology is not planted
   */
  sanctionsLists?: readonly string[]
  /** share of generated people who carry a date of birth (default DEFAULT_BIRTH_DATE_SHARE; 0: none) */
  birthDates?: number
}

export interface GenerateSummary {
  records: number
  illicit: number
  days: number
  accounts: number
  recordsPerDay: number
  instances: Record<string, number>
  indicators: number
  /** benign records per family, `everyday` included */
  families: Record<string, number>
  /** listed people planted (sanctioned_name), written to listed.csv */
  listed: number
}

export const MAX_DEFAULT_ACCOUNTS = 20_000
export const DEFAULT_ILLICIT_SHARE = 0.022

/** accounts used when none are given: grows with the run so small runs stay dense, capped so large runs stay realistic */
export function defaultAccounts(records: number): number {
  return Math.min(MAX_DEFAULT_ACCOUNTS, Math.max(400, Math.round(records / 25)))
}

/** a fixed daily volume per account, so a longer run covers more days rather than denser ones */
export function recordsPerDay(accounts: number): number {
  return Math.max(50, Math.round(accounts / 2))
}

/**
 * Generates the data set day by day: the day's scheduled and everyday benign transfers, the hard-negative
 * families' transfers and the planted ones that fall on it, sorted and written before the next day starts.
 * Memory holds one day and the episodes and instances still running, whatever the number of records.
 */
export async function generate(opts: GenerateOptions): Promise<GenerateSummary> {
  const startMs = Date.parse(`${opts.start}T00:00:00Z`)
  if (!Number.isFinite(startMs)) throw new Error(`--start must be a date YYYY-MM-DD, got "${opts.start}"`)
  const accounts = opts.accounts ?? defaultAccounts(opts.records)
  const perDay = recordsPerDay(accounts)
  const totalDays = Math.max(1, Math.ceil(opts.records / perDay))
  const families = selectFamilies(opts.benignFamilies ?? 'all')
  const pop = buildPopulation(opts.seed, accounts, startMs, opts.birthDates ?? DEFAULT_BIRTH_DATE_SHARE)
  if (opts.counterparties) pop.counterparties = new CounterpartyPool(opts.seed, opts.counterparties, pop.factory, startMs, opts.leanParties)
  const knobs = new Knobs(opts.seed)
  const lists = opts.sanctionsLists ?? [DEFAULT_SANCTIONS_LIST]
  const typologies = lists.length > 0 ? [...TYPOLOGIES, sanctionedName(await loadListedPeople(lists))] : TYPOLOGIES
  const planner = new Planner(opts.seed, pop, totalDays, perDay, opts.illicitShare ?? DEFAULT_ILLICIT_SHARE, knobs, {
    amountScale: opts.amountScale ?? 1,
    gapScale: opts.gapScale ?? 1,
  }, typologies)
  const phones = () => planner.indicators.filter((i) => i.type === 'phone').map((i) => i.value)
  const familyPlanner = new FamilyPlanner(opts.seed, pop, knobs, totalDays, perDay, families, phones)
  const benignRng = Rng.derive(opts.seed, 'benign')

  await mkdir(opts.outDir, { recursive: true })
  const writer = new RecordWriter(opts.outDir)
  await writer.start()
  for (let day = 0; day < totalDays && writer.written < opts.records; day++) {
    const planted = planner.takeDay(day)
    const hard = familyPlanner.takeDay(day)
    // cumulative target, so a day that carried many planted transfers is made up for by the next ones
    const target = Math.min(opts.records, perDay * (day + 1)) - writer.written
    const room = Math.max(0, target - planted.length)
    // only a run too small for its families overflows a day; it keeps the first of them
    if (hard.length > room) hard.length = room
    const benign = benignDay(benignRng, pop, day, room - hard.length)
    const all: LabelledDraft[] = benign.concat(hard, planted)
    all.sort((a, b) => a.ts - b.ts)
    await writer.writeDay(all)
  }
  await writer.close()
  const indicators = await writeIndicators(opts.outDir, opts.seed, planner.indicators)
  if (lists.length > 0) await writeListed(opts.outDir, planner.listed)
  return {
    records: writer.written,
    illicit: writer.illicit,
    days: totalDays,
    accounts,
    recordsPerDay: perDay,
    instances: Object.fromEntries([...planner.counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
    indicators,
    listed: planner.listed.length,
    families: Object.fromEntries([...writer.families.entries()].sort(([a], [b]) => a.localeCompare(b))),
  }
}
