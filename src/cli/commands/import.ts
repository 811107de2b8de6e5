import { parseArgs } from 'node:util'
import { readAmlsim, AMLSIM_START } from '../../importers/amlsim.ts'
import { readAmlworld, type AmlworldStats } from '../../importers/amlworld.ts'
import { writeImport } from '../../importers/pipeline.ts'

const HELP = `usage: txscreen import amlworld <file.csv> --out DIR [--background N --seed S]
       txscreen import amlsim <dir> --out DIR [--start DATE] [--background N --seed S]

Turns a public AML benchmark into DIR/records.ndjson and DIR/labels.csv (id,is_illicit,instance_id,typology).

amlworld  IBM AMLworld transaction CSV (Timestamp,From Bank,Account,To Bank,Account,...,Is Laundering) or the
          derived pattern file (pattern_id,pattern_family,...): pattern rows are illicit, instance = pattern_id,
          typology = pattern_family. Ids are aw-<source row>.
amlsim    AMLSim's own output directory: transactions.csv, tx.csv or tx_log.csv with a SAR flag and an alert id per
          transfer (tran_id,orig_acct,bene_acct,base_amt,tran_timestamp,is_sar,alert_id or the upper-case
          TX_ID,SENDER_ACCOUNT_ID,...,IS_FRAUD,ALERT_ID), the alert types from alert_transactions.csv or
          alert_accounts.csv, countries from accounts.csv (instance = alert id, typology = alert type; a
          non-SAR alert stays benign); or a directory with nodes.csv + transactions.csv (a transfer is
          illicit when both ends are fraud accounts; instance = the receiving fraud account); or
          accounts.csv + alerts.csv (instance = alert id, typology = alert type). A timestamp that is a step
          is one day from --start (default ${AMLSIM_START}); a date is kept.

options:
  --out DIR         output directory (created if missing)
  --background N    mix the imported records into N generated benign records over the same days; ids are then
                    numbered in output order (aw-1, aw-2, ...), so they do not reveal the source
  --seed S          seed for the background (default 1)
  --start DATE      AMLSim only: date of step 0 (YYYY-MM-DD)
`

export async function run(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        background: { type: 'string' },
        seed: { type: 'string', default: '1' },
        start: { type: 'string', default: AMLSIM_START },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    })
  } catch (err) {
    process.stderr.write(`txscreen import: ${(err as Error).message}\n\n${HELP}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    process.stdout.write(HELP)
    return 0
  }
  const [format, input] = positionals
  const background = values.background === undefined ? 0 : Number(values.background)
  const seed = Number(values.seed)
  const problem =
    format !== 'amlworld' && format !== 'amlsim' ? 'the format must be amlworld or amlsim'
    : !input ? 'an input file or directory is required'
    : !values.out ? '--out is required'
    : !Number.isSafeInteger(background) || background < 0 ? '--background must be a non-negative integer'
    : !Number.isSafeInteger(seed) || seed < 0 ? '--seed must be a non-negative integer'
    : !/^\d{4}-\d{2}-\d{2}$/.test(values.start) ? '--start must be YYYY-MM-DD'
    : undefined
  if (problem) {
    process.stderr.write(`txscreen import: ${problem}\n\n${HELP}`)
    return 2
  }
  const stats: AmlworldStats = { rows: 0, skipped: 0, reasons: new Map() }
  const source = format === 'amlworld' ? readAmlworld(input!, stats) : readAmlsim(input!, values.start)
  const summary = await writeImport(source, { outDir: values.out!, prefix: format === 'amlworld' ? 'aw' : 'as', background, seed })
  const skipped = [...stats.reasons].map(([reason, n]) => `${n} ${reason}`).join(', ')
  process.stderr.write(
    `wrote ${summary.records} records (${summary.illicit} illicit) to ${values.out}` +
      (stats.skipped > 0 ? `; skipped ${stats.skipped} rows (${skipped})` : '') +
      (summary.late > 0 ? `; ${summary.late} rows were too far out of time order to sort` : '') +
      '\n',
  )
  return 0
}
