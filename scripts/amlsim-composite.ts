// Builds an AMLSim test set in AMLSim's own output layout: the benign transfers of one 20K sample (those between
// two fraud accounts dropped, as their pattern is unknown) with the alert transfers of alerts-10k placed on the same
// account ids (alert step + 1, the samples' first step), both cut at --steps (an alert is kept whole or left out). Labels then come per alert.
// Two variants test that a rule holds beyond this one placement:
//   --rescale SEED  multiplies each alert's amounts by one factor that puts the alert's mean on a benign amount drawn
//                   at random, so alerts move sums of the benign population's size (alerts-10k's are 10-100 times
//                   smaller) with their spread and hop-by-hop conservation kept;
//   --mirror        reverses every alert transfer: a fan-in becomes a fan-out (typology fan_out), a cycle stays one.
//   npx tsx scripts/amlsim-composite.ts <20K sample dir> <alerts-10k dir> <out dir> [--steps N] [--rescale SEED] [--mirror]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

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
const benignAmounts: number[] = []
for (const [src, dst, value, time] of rows(join(base, 'transactions.csv'))) {
  if (fraud.has(src) && fraud.has(dst)) continue
  const step = Number(time)
  if (step <= maxStep) lines.push({ step, text: `${src},${dst},${value},${step},-1` })
  benignAmounts.push(Number(value))
}
const types = new Map<string, string>()
// ALERT_ID,ALERT_TYPE,IS_FRAUD,TX_ID,SENDER_ACCOUNT_ID,RECEIVER_ACCOUNT_ID,TX_TYPE,TX_AMOUNT,TIMESTAMP
const alertRows = rows(join(alertsDir, 'alerts.csv'))
// an alert is kept whole or not at all
const lastStep = new Map<string, number>()
for (const f of alertRows) lastStep.set(f[0]!, Math.max(lastStep.get(f[0]!) ?? 0, Number(f[8]) + 1))
const factor = values.rescale === undefined ? () => 1 : rescaleFactors(alertRows, benignAmounts, Number(values.rescale))
for (const [alert, type, , , src, dst, , amount, time] of alertRows) {
  if (lastStep.get(alert!)! > maxStep) continue
  const step = Number(time) + 1
  const sum = (Number(amount) * factor(alert!)).toFixed(2)
  lines.push({ step, text: values.mirror ? `${dst},${src},${sum},${step},${alert}` : `${src},${dst},${sum},${step},${alert}` })
  types.set(alert!, values.mirror && type === 'fan_in' ? 'fan_out' : type!)
}
// stable: benign rows keep their order, alert rows follow within a step
lines.sort((a, b) => a.step - b.step)
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'transactions.csv'), 'SENDER_ACCOUNT_ID,RECEIVER_ACCOUNT_ID,TX_AMOUNT,TIMESTAMP,ALERT_ID\n' + lines.map((l) => l.text).join('\n') + '\n')
writeFileSync(join(out, 'alert_accounts.csv'), 'ALERT_ID,ALERT_TYPE\n' + [...types].map(([a, t]) => `${a},${t}`).join('\n') + '\n')
process.stderr.write(`${lines.length} transfers, ${types.size} alerts\n`)

/** per alert, the factor that moves the mean of its amounts onto a benign amount picked by a seeded generator */
function rescaleFactors(alerts: string[][], benign: number[], seed: number): (alert: string) => number {
  let state = seed >>> 0
  // mulberry32: small, deterministic, good enough to pick amounts
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const sums = new Map<string, { total: number; n: number }>()
  for (const f of alerts) {
    const s = sums.get(f[0]!) ?? { total: 0, n: 0 }
    s.total += Number(f[7])
    s.n++
    sums.set(f[0]!, s)
  }
  const factors = new Map<string, number>()
  for (const [alert, s] of [...sums].sort((a, b) => Number(a[0]) - Number(b[0]))) {
    factors.set(alert, benign[Math.floor(random() * benign.length)]! / (s.total / s.n))
  }
  return (alert) => factors.get(alert)!
}
