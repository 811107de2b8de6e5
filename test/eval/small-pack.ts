import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * A two-rule pack written to `dir` for eval tests, so they do not depend on the shipped pack's thresholds:
 * `repeat-payer` (a sender's transfers in 7 days, from 3) and `large-amount` (one transfer from USD 5,000).
 */
export async function writeSmallPack(dir: string, budgets: { repeatPayer?: number; largeAmount?: number } = {}): Promise<string> {
  await mkdir(dir, { recursive: true })
  const budget = (b: number | undefined) => (b === undefined ? '' : `false_alert_budget: ${b}\n`)
  await writeFile(
    join(dir, 'ruleset.yaml'),
    `kind: ruleset
name: small
version: 1
base_currency: USD
rates: { EUR: "1.08" }
thresholds: { review: 40, block: 80 }
rules:
  repeat-payer: { weight: 1 }
  large-amount: {}
`,
  )
  await writeFile(
    join(dir, 'repeat-payer.yaml'),
    `kind: rule
id: repeat-payer
version: 1
title: Several transfers from one sender
typology: structuring_transfer
source: test pack
entity: sender.id
window: 7d
measures:
  n: { count: true }
  total: { sum: amount }
require:
  total: { gte: 100 }
score:
  measure: n
  bands:
    - { from: 3, score: 50 }
reason: "{n} transfers in {window}"
${budget(budgets.repeatPayer)}`,
  )
  await writeFile(
    join(dir, 'large-amount.yaml'),
    `kind: rule
id: large-amount
version: 1
title: One large transfer
typology: large_amount
source: test pack
entity: none
measures:
  amount: { value: amount }
score:
  measure: amount
  bands:
    - { from: 5000, score: 60 }
reason: "{amount} in one transfer"
${budget(budgets.largeAmount)}`,
  )
  return dir
}
