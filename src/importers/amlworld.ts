import { csvRows, headerIndex } from './csv.ts'
import type { Imported } from './output.ts'

/** AMLworld currency names to ISO 4217 (BTC for Bitcoin) */
export const AMLWORLD_CURRENCIES: Readonly<Record<string, string>> = {
  'US Dollar': 'USD', Euro: 'EUR', Yuan: 'CNY', Yen: 'JPY', 'Saudi Riyal': 'SAR', Bitcoin: 'BTC', Rupee: 'INR',
  Ruble: 'RUB', 'Swiss Franc': 'CHF', 'UK Pound': 'GBP', 'Canadian Dollar': 'CAD', 'Australian Dollar': 'AUD',
  'Mexican Peso': 'MXN', Shekel: 'ILS', 'Brazil Real': 'BRL',
}

/** AMLworld payment formats to record channels */
export const AMLWORLD_CHANNELS: Readonly<Record<string, string>> = {
  ACH: 'ach', Wire: 'wire', Cheque: 'cheque', Cash: 'cash', 'Credit Card': 'card', Bitcoin: 'crypto', Reinvestment: 'internal',
}

/** "2022/09/01 00:06" (minute resolution, no zone; AMLworld times are taken as UTC) to epoch ms */
export function parseAmlworldTime(text: string): number {
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim())
  if (!m) return NaN
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0))
}

/** decimal text with at most 8 fraction digits, or undefined when zero or not a plain decimal */
export function normaliseAmount(text: string): string | undefined {
  const t = text.trim()
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t)
  if (!m) return undefined
  const whole = m[1]!.replace(/^0+(?=\d)/, '')
  const fraction = (m[2] ?? '').slice(0, 8).replace(/0+$/, '')
  const out = fraction ? `${whole}.${fraction}` : whole
  return /[1-9]/.test(out) && whole.length <= 18 ? out : undefined
}

interface Columns {
  ts: number; fromBank: number; fromAccount: number; toBank: number; toAccount: number
  amountPaid: number; paymentCurrency: number; format: number; laundering: number
  patternId?: number; family?: number
}

/** the three layouts: the original transaction CSV, the derived flat pattern file and the sample file */
function resolveColumns(header: string[]): Columns {
  const idx = headerIndex(header)
  const col = (...names: string[]): number | undefined => {
    for (const n of names) {
      const found = idx.get(n)
      if (found) return found[0]
    }
    return undefined
  }
  const accounts = idx.get('account') ?? []
  const need = (name: string, v: number | undefined): number => {
    if (v === undefined) throw new Error(`AMLworld file: no ${name} column in header "${header.join(',')}"`)
    return v
  }
  return {
    ts: need('timestamp', col('timestamp')),
    fromBank: need('from bank', col('from bank', 'from_bank', 'from_bank_id')),
    fromAccount: need('from account', accounts[0] ?? col('from_account', 'from_account_id')),
    toBank: need('to bank', col('to bank', 'to_bank', 'to_bank_id')),
    toAccount: need('to account', accounts[1] ?? col('to_account', 'to_account_id')),
    amountPaid: need('amount paid', col('amount paid', 'amount_paid')),
    paymentCurrency: need('payment currency', col('payment currency', 'payment_currency')),
    format: need('payment format', col('payment format', 'payment_format')),
    laundering: need('is laundering', col('is laundering', 'is_laundering')),
    patternId: col('pattern_id'),
    family: col('pattern_family'),
  }
}

export interface AmlworldStats {
  rows: number
  skipped: number
  reasons: Map<string, number>
}

/**
 * Reads an AMLworld CSV as a stream of records. Parties are `bank:account`; the amount is what was paid, in the
 * payment currency. Labels: pattern rows carry pattern_id as instance and pattern_family as typology; rows of
 * the transaction CSV with Is Laundering = 1 are illicit without a known instance.
 */
export async function* readAmlworld(path: string, stats: AmlworldStats): AsyncGenerator<Imported> {
  let cols: Columns | undefined
  for await (const f of csvRows(path)) {
    if (!cols) {
      cols = resolveColumns(f)
      continue
    }
    stats.rows++
    const skip = (reason: string) => {
      stats.skipped++
      stats.reasons.set(reason, (stats.reasons.get(reason) ?? 0) + 1)
    }
    const ts = parseAmlworldTime(f[cols.ts] ?? '')
    const amount = normaliseAmount(f[cols.amountPaid] ?? '')
    const currencyName = (f[cols.paymentCurrency] ?? '').trim()
    const currency = AMLWORLD_CURRENCIES[currencyName]
    if (!Number.isFinite(ts)) { skip('bad timestamp'); continue }
    if (!amount) { skip('zero or malformed amount'); continue }
    if (!currency) { skip(`unknown currency ${currencyName}`); continue }
    const fromBank = (f[cols.fromBank] ?? '').trim()
    const toBank = (f[cols.toBank] ?? '').trim()
    const fromAccount = (f[cols.fromAccount] ?? '').trim()
    const toAccount = (f[cols.toAccount] ?? '').trim()
    const format = (f[cols.format] ?? '').trim()
    const body = {
      timestamp: new Date(ts).toISOString().slice(0, 19) + 'Z',
      amount,
      currency,
      channel: AMLWORLD_CHANNELS[format] ?? 'other',
      sender: { id: `${fromBank}:${fromAccount}`, account: fromAccount, institution: fromBank },
      receiver: { id: `${toBank}:${toAccount}`, account: toAccount, institution: toBank },
    }
    const illicit = (f[cols.laundering] ?? '').trim() === '1'
    const label = cols.patternId !== undefined
      ? { instanceId: (f[cols.patternId] ?? '').trim(), typology: (f[cols.family ?? -1] ?? '').trim() }
      : illicit ? { instanceId: '', typology: '' } : undefined
    yield { ts, row: stats.rows, body, label }
  }
}
