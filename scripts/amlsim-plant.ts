// Builds an AMLSim test set with all eight of AMLSim's alert typologies: the benign transfers of one 20K sample
// (those between two fraud accounts dropped, as their pattern is unknown) with alerts planted on its accounts the
// way AMLSim's typology classes build them (scripts/amlsim-typologies.ts), in AMLSim's output layout
// (transactions.csv with ALERT_ID, alert_accounts.csv) for `txscreen import amlsim`.
//   npx tsx scripts/amlsim-plant.ts <20K sample dir> <out dir> [--seed N] [--per N] [--members 5-7] [--period 5-20]
//     [--spread 1-1.5] [--types a,b]
// AMLSim's own parameter files (paramFiles/*/alertPatterns.csv) use 5-10 members, periods of 5-20 or 10-20 steps and
// an amount range of 100-200 (a spread of 2).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PLANTED_TYPOLOGIES, plantAlerts, type BenignTransfer, type PlantedTypology } from './amlsim-typologies.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: '1' },
    per: { type: 'string', default: '50' },
    members: { type: 'string', default: '5-7' },
    period: { type: 'string', default: '5-20' },
    spread: { type: 'string', default: '1-1.5' },
    types: { type: 'string' },
  },
})
const [base, out] = positionals
if (!base || !out) throw new Error('usage: amlsim-plant.ts <20K sample dir> <out dir> [--seed N] [--per N]')
const range = (text: string) => {
  const [lo, hi] = text.split('-').map(Number) as [number, number?]
  return [lo, hi ?? lo] as [number, number]
}
const types = (values.types?.split(',') ?? PLANTED_TYPOLOGIES) as PlantedTypology[]

const rows = (path: string) => readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
const fraud = new Set(rows(join(base, 'nodes.csv')).filter((f) => f[1] === '1').map((f) => f[0]))
const benign: BenignTransfer[] = []
for (const [src, dst, value, time] of rows(join(base, 'transactions.csv'))) {
  if (fraud.has(src) && fraud.has(dst)) continue
  benign.push({ src: src!, dst: dst!, amount: Number(value), step: Number(time) })
}
const alerts = plantAlerts(benign, { seed: Number(values.seed), perType: Number(values.per), members: range(values.members), period: range(values.period), spread: range(values.spread), types })
const lines = benign.map((t) => ({ step: t.step, text: `${t.src},${t.dst},${t.amount.toFixed(2)},${t.step},-1` }))
for (const a of alerts) for (const t of a.transfers) lines.push({ step: t.step, text: `${t.src},${t.dst},${t.amount.toFixed(2)},${t.step},${a.id}` })
// stable: benign rows keep their order, alert rows follow within a step
lines.sort((a, b) => a.step - b.step)
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'transactions.csv'), 'SENDER_ACCOUNT_ID,RECEIVER_ACCOUNT_ID,TX_AMOUNT,TIMESTAMP,ALERT_ID\n' + lines.map((l) => l.text).join('\n') + '\n')
writeFileSync(join(out, 'alert_accounts.csv'), 'ALERT_ID,ALERT_TYPE\n' + alerts.map((a) => `${a.id},${a.type}`).join('\n') + '\n')
process.stderr.write(`${lines.length} transfers, ${alerts.length} alerts\n`)
