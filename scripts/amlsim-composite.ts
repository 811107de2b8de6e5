// Builds an AMLSim test set in AMLSim's own output layout: the benign transfers of one 20K sample (those between
// two fraud accounts dropped, as their pattern is unknown) with the alert transfers of alerts-10k placed on the same
// account ids (alert step + 1, the samples' first step), both cut at --steps (an alert is kept whole or left out). Labels then come per alert.
// --rescale SEED and --mirror write a variant (scripts/amlsim-variants.ts says which).
//   npx tsx scripts/amlsim-composite.ts <20K sample dir> <alerts-10k dir> <out dir> [--steps N] [--rescale SEED] [--mirror]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { composeVariant } from './amlsim-variants.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    steps: { type: 'string', default: '1000000' },
    rescale: { type: 'string' },
    mirror: { type: 'boolean', default: false },
  },
})
const [base, alertsDir, out] = positionals
if (!base || !alertsDir || !out) throw new Error('usage: amlsim-composite.ts <20K sample dir> <alerts-10k dir> <out dir> [--steps N]')
const maxStep = Number(values.steps)

const rows = (path: string) => readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
const fraud = new Set(rows(join(base, 'nodes.csv')).filter((f) => f[1] === '1').map((f) => f[0]))
const lines: { step: number; text: string }[] = []
for (const [src, dst, value, time] of rows(join(base, 'transactions.csv'))) {
  if (fraud.has(src) && fraud.has(dst)) continue
  const step = Number(time)
  if (step <= maxStep) lines.push({ step, text: `${src},${dst},${value},${step},-1` })
}
const types = new Map<string, string>()
// ALERT_ID,ALERT_TYPE,IS_FRAUD,TX_ID,SENDER_ACCOUNT_ID,RECEIVER_ACCOUNT_ID,TX_TYPE,TX_AMOUNT,TIMESTAMP
const alertRows = rows(join(alertsDir, 'alerts.csv'))
// an alert is kept whole or not at all
const lastStep = new Map<string, number>()
for (const f of alertRows) lastStep.set(f[0]!, Math.max(lastStep.get(f[0]!) ?? 0, Number(f[8]) + 1))
for (const [alert, type, , , src, dst, , amount, time] of alertRows) {
  if (lastStep.get(alert!)! > maxStep) continue
  const step = Number(time) + 1
  lines.push({ step, text: `${src},${dst},${amount},${step},${alert}` })
  types.set(alert!, type!)
}
// stable: benign rows keep their order, alert rows follow within a step
lines.sort((a, b) => a.step - b.step)
mkdirSync(out, { recursive: true })
const files = composeVariant(
  {
    transactions: 'SENDER_ACCOUNT_ID,RECEIVER_ACCOUNT_ID,TX_AMOUNT,TIMESTAMP,ALERT_ID\n' + lines.map((l) => l.text).join('\n') + '\n',
    alertAccounts: 'ALERT_ID,ALERT_TYPE\n' + [...types].map(([a, t]) => `${a},${t}`).join('\n') + '\n',
  },
  { rescale: values.rescale === undefined ? undefined : Number(values.rescale), mirror: values.mirror },
)
writeFileSync(join(out, 'transactions.csv'), files.transactions)
writeFileSync(join(out, 'alert_accounts.csv'), files.alertAccounts)
process.stderr.write(`${lines.length} transfers, ${types.size} alerts\n`)

