import { parseArgs } from 'node:util'
import { BENIGN_FAMILIES, selectFamilies } from '../../gen/benign/families.ts'
import { DEFAULT_BIRTH_DATE_SHARE } from '../../gen/birth-dates.ts'
import { DEFAULT_ILLICIT_SHARE, generate } from '../../gen/generate.ts'
import { LISTED_HEADER } from '../../gen/sanctioned/write-listed.ts'
import { parseListSpec } from '../../lists/load.ts'

/** one family a paragraph: its name, then its summary wrapped under it */
function familyList(): string {
  return BENIGN_FAMILIES.map((f) => {
    const lines: string[] = []
    let line = ''
    for (const word of f.summary.split(' ')) {
      if (line.length + word.length + 1 > 92) {
        lines.push(line)
        line = word
      } else line = line ? `${line} ${word}` : word
    }
    lines.push(line)
    return `  ${f.name}\n${lines.map((l) => `      ${l}`).join('\n')}`
  }).join('\n')
}

const HELP = `usage: txscreen generate --seed N --records N --out DIR [options]

Writes DIR/records.ndjson (transfer records v1, in time order, no labels), DIR/labels.csv
(id,is_illicit,instance_id,typology,family), DIR/indicators.csv (type,value,source,note) and
DIR/listed.csv (the listed people planted; see --sanctions-list).
Benign rows carry their family: everyday for the plain background, or the hard-negative family below
that made them. The same seed and options give byte-identical files.

options:
  --seed N            random seed (integer)
  --records N         number of records to write
  --out DIR           output directory (created if missing)
  --start DATE        first simulated day, YYYY-MM-DD (default 2026-01-01)
  --accounts N        size of the fixed population of accounts (default: records/25, between 400 and 20000).
                      The population makes a fixed number of transfers a day (accounts/2), so keeping
                      --accounts fixed and raising --records makes the run cover more days.
  --illicit-share X   target share of planted illicit transfers (default ${DEFAULT_ILLICIT_SHARE})
  --benign-families all|none|a,b,...
                      hard negatives: benign behaviour that trips naive rules (default all; see below)
  --counterparties N  draw 90% of everyday transfers between N parties made on demand instead of the
                      population, so most parties appear once or twice (e.g. --records 100000
                      --counterparties 200000: a sparse population for per-party costs); at least 100
  --amount-scale X    stress: multiply the fee-sized amounts of planted instances by X (0.25-4, default 1);
                      amounts tied to a reporting threshold (structuring) are not scaled
  --gap-scale X       stress: multiply the days between the steps of planted instances where the sources leave
                      them open (holds, route legs) by X (0.25-4, default 1). Both leave benign families as they are;
                      with neither, a run is byte-identical to one made before they existed
  --lean-parties      with --counterparties: every everyday transfer is drawn from the pool, whose parties
                      carry only id, name, type, account and country (records of about 300 bytes; with
                      --benign-families none --illicit-share 0, issue 21's many-parties file)
  --sanctions-list FORMAT:PATH
                      a list (formats of --list: ofac-csv, un-xml, csv) whose individuals the sanctioned_name
                      typology plants, their names written another way (romanised otherwise, order swapped,
                      accents, a middle name left out, a typo, an a.k.a.); repeat for several lists; default the
                      vendored OFAC SDN 2019 subset (fixtures/lists/ofac-sdn-2019); \`none\`: not planted.
                      DIR/listed.csv (${LISTED_HEADER}) says who they are
  --birth-dates X     share of generated people (customers, counterparties, planted parties; not wallets or
                      the lean pool) who carry a dateOfBirth, as a bank's KYC holds for most natural persons
                      (default ${DEFAULT_BIRTH_DATE_SHARE}; 0: none, the bytes written before dates of birth existed).
                      A planted listed person carries the list's date of birth, when the list has one, 8 times in 10
  --quiet             no summary on stderr

benign families (docs/data.md describes each):
${familyList()}
`

function positiveInt(name: string, text: string | undefined): number {
  const n = Number(text)
  if (text === undefined || !Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got "${text ?? ''}"`)
  return n
}

/** a stress multiplier: absent is 1; a number in [0.25, 4] */
function stressScale(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!(n >= 0.25 && n <= 4)) throw new UsageError(`--${name} must be a number in [0.25, 4], got "${text}"`)
  return n
}

/** `--sanctions-list`: absent is the default list, `none` alone switches the typology off; each spec is checked */
function sanctionsListsOf(specs: string[] | undefined): string[] | undefined {
  if (specs === undefined) return undefined
  if (specs.length === 1 && specs[0] === 'none') return []
  for (const spec of specs) {
    try {
      parseListSpec(spec)
    } catch (err) {
      throw new UsageError(`--sanctions-list: ${(err as Error).message} (or none)`)
    }
  }
  return specs
}

class UsageError extends Error {}

export async function run(argv: string[]): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        seed: { type: 'string' },
        records: { type: 'string' },
        out: { type: 'string' },
        start: { type: 'string', default: '2026-01-01' },
        accounts: { type: 'string' },
        'illicit-share': { type: 'string' },
        'benign-families': { type: 'string', default: 'all' },
        counterparties: { type: 'string' },
        'amount-scale': { type: 'string' },
        'gap-scale': { type: 'string' },
        'lean-parties': { type: 'boolean', default: false },
        'sanctions-list': { type: 'string', multiple: true },
        'birth-dates': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }))
  } catch (err) {
    process.stderr.write(`txscreen generate: ${(err as Error).message}\n\n${HELP}`)
    return 2
  }
  if (values.help) {
    process.stdout.write(HELP)
    return 0
  }
  try {
    if (!values.out) throw new UsageError('--out is required')
    const seed = positiveInt('seed', values.seed)
    const records = positiveInt('records', values.records)
    const accounts = values.accounts === undefined ? undefined : positiveInt('accounts', values.accounts)
    if (accounts !== undefined && accounts < 100) throw new UsageError('--accounts must be at least 100')
    const share = values['illicit-share'] === undefined ? undefined : Number(values['illicit-share'])
    if (share !== undefined && !(share >= 0 && share < 0.5)) throw new UsageError('--illicit-share must be in [0, 0.5)')
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start)) throw new UsageError('--start must be YYYY-MM-DD')
    const counterparties = values.counterparties === undefined ? undefined : positiveInt('counterparties', values.counterparties)
    if (counterparties !== undefined && counterparties < 100) throw new UsageError('--counterparties must be at least 100')
    const amountScale = stressScale('amount-scale', values['amount-scale'])
    const gapScale = stressScale('gap-scale', values['gap-scale'])
    if (values['lean-parties'] && counterparties === undefined) throw new UsageError('--lean-parties needs --counterparties')
    try {
      selectFamilies(values['benign-families'])
    } catch (err) {
      throw new UsageError(`--benign-families: ${(err as Error).message}`)
    }
    const sanctionsLists = sanctionsListsOf(values['sanctions-list'])
    const birthDates = values['birth-dates'] === undefined ? undefined : Number(values['birth-dates'])
    if (birthDates !== undefined && !(birthDates >= 0 && birthDates <= 1)) throw new UsageError('--birth-dates must be a share in [0, 1]')
    const t0 = performance.now()
    const summary = await generate({ seed, records, outDir: values.out, start: values.start, accounts, illicitShare: share, benignFamilies: values['benign-families'], counterparties, leanParties: values['lean-parties'], amountScale, gapScale, sanctionsLists, birthDates })
    const seconds = (performance.now() - t0) / 1000
    if (!values.quiet) {
      process.stderr.write(
        `wrote ${summary.records} records (${summary.illicit} illicit in ${Object.values(summary.instances).reduce((s, n) => s + n, 0)} instances) ` +
          `over ${summary.days} days from ${summary.accounts} accounts, ${summary.indicators} indicators, ${summary.listed} listed people, ` +
          `${summary.records - summary.illicit - (summary.families.everyday ?? 0)} hard negatives, ` +
          `in ${seconds.toFixed(1)} s (${Math.round(summary.records / Math.max(seconds, 1e-3))} records/s)\n`,
      )
    }
    return 0
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`txscreen generate: ${err.message}\n\n${HELP}`)
      return 2
    }
    throw err
  }
}
