// Variants of an AMLSim composite (AMLSim's output layout: transactions.csv with ALERT_ID, alert_accounts.csv) that
// test whether a rule holds beyond one placement of the alerts (docs/aml-graph.md):
//   rescale: each alert's amounts times one factor that puts the alert's mean on one of the composite's benign
//            amounts, drawn with a seed: alerts then move sums of the benign population's size (alerts-10k's are
//            10-100 times smaller), their spread and hop-by-hop conservation kept;
//   mirror:  every alert transfer reversed: a fan-in becomes a fan-out (typology fan_out), a cycle stays one.
// Used by scripts/amlsim-composite.ts and by test/rules/aml-graph-pack.test.ts on the vendored fixture.
import { Rng } from '../src/gen/prng.ts'

export interface CompositeVariant {
  rescale?: number
  mirror?: boolean
}

export interface CompositeFiles {
  /** SENDER_ACCOUNT_ID,RECEIVER_ACCOUNT_ID,TX_AMOUNT,TIMESTAMP,ALERT_ID (-1 for benign) */
  transactions: string
  /** ALERT_ID,ALERT_TYPE */
  alertAccounts: string
}

export function composeVariant(files: CompositeFiles, variant: CompositeVariant): CompositeFiles {
  const [header, ...lines] = files.transactions.trimEnd().split('\n')
  const rows = lines.map((l) => l.split(','))
  const factor = variant.rescale === undefined ? undefined : rescaleFactors(rows, variant.rescale)
  const out = rows.map(([src, dst, amount, step, alert]) => {
    if (alert === '-1') return `${src},${dst},${amount},${step},${alert}`
    const sum = factor ? (Number(amount) * factor(alert!)).toFixed(2) : amount
    return variant.mirror ? `${dst},${src},${sum},${step},${alert}` : `${src},${dst},${sum},${step},${alert}`
  })
  const alertAccounts = variant.mirror ? files.alertAccounts.replace(/,fan_in$/gm, ',fan_out') : files.alertAccounts
  return { transactions: [header, ...out].join('\n') + '\n', alertAccounts }
}

/** per alert, the factor that moves the mean of its amounts onto a benign amount picked by a seeded generator */
function rescaleFactors(rows: string[][], seed: number): (alert: string) => number {
  const benign: number[] = []
  const sums = new Map<string, { total: number; n: number }>()
  for (const [, , amount, , alert] of rows) {
    if (alert === '-1') {
      benign.push(Number(amount))
      continue
    }
    const s = sums.get(alert!) ?? { total: 0, n: 0 }
    s.total += Number(amount)
    s.n++
    sums.set(alert!, s)
  }
  const rng = Rng.derive(seed, 'amlsim-rescale')
  const factors = new Map<string, number>()
  for (const [alert, s] of [...sums].sort((a, b) => Number(a[0]) - Number(b[0]))) factors.set(alert, rng.pick(benign) / (s.total / s.n))
  return (alert) => factors.get(alert)!
}
