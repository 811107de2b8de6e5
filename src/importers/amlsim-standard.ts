import { closeSync, existsSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { record, stepTime } from './amlsim-common.ts'
import { normaliseAmount } from './amlworld.ts'
import { csvRows, headerIndex, splitCsvLine } from './csv.ts'
import type { Imported } from './output.ts'

/**
 * AMLSim's own output directory (`outputs/<name>/` after convert_logs.py): `transactions.csv` (or `tx.csv`, or the
 * simulator's raw `tx_log.csv`: step,type,amount,nameOrig,...,isSAR,alertID) with a
 * SAR flag and an alert id per transfer, `alert_transactions.csv` or `alert_accounts.csv` naming each alert's type,
 * and `accounts.csv`. Column names differ between AMLSim versions (tran_id / TX_ID, orig_acct /
 * SENDER_ACCOUNT_ID, base_amt / TX_AMOUNT, tran_timestamp / TIMESTAMP, is_sar / IS_FRAUD, alert_id / ALERT_ID), and
 * schema.json may rename them, so each is looked up by its known names.
 */

const TX_FILES = ['transactions.csv', 'tx.csv', 'tx_log.csv']
const NAMES = {
  src: ['orig_acct', 'sender_account_id', 'nameorig', 'orig_id', 'src'],
  dst: ['bene_acct', 'receiver_account_id', 'namedest', 'dest_id', 'dst'],
  amount: ['base_amt', 'tx_amount', 'amount'],
  time: ['tran_timestamp', 'timestamp', 'step'],
  sar: ['is_sar', 'is_fraud', 'issar'],
  alert: ['alert_id', 'alertid'],
  type: ['alert_type'],
  account: ['acct_id', 'account_id'],
  country: ['country'],
}

function find(header: string[], names: readonly string[]): number | undefined {
  const idx = headerIndex(header)
  for (const n of names) {
    const at = idx.get(n)
    if (at) return at[0]
  }
  return undefined
}

function need(header: string[], what: keyof typeof NAMES, file: string): number {
  const at = find(header, NAMES[what])
  if (at === undefined) throw new Error(`${file}: no ${NAMES[what].join(' / ')} column in "${header.join(',')}"`)
  return at
}

function firstLine(path: string): string {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(4096)
    const n = readSync(fd, buf, 0, buf.length, 0)
    return buf.toString('utf8', 0, n).replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? ''
  } finally {
    closeSync(fd)
  }
}

/** the transactions file of AMLSim's own output in `dir`: one whose header has an alert id column */
export function standardTransactions(dir: string): string | undefined {
  for (const name of TX_FILES) {
    const path = join(dir, name)
    if (existsSync(path) && find(splitCsvLine(firstLine(path)), NAMES.alert) !== undefined) return path
  }
  return undefined
}

/** alert id → alert type from alert_transactions.csv, else alert_accounts.csv (empty when neither is there) */
async function alertTypes(dir: string): Promise<Map<string, string>> {
  const types = new Map<string, string>()
  for (const name of ['alert_transactions.csv', 'alert_accounts.csv']) {
    const path = join(dir, name)
    if (!existsSync(path)) continue
    let cols: { alert: number; type: number } | undefined
    for await (const f of csvRows(path)) {
      if (!cols) {
        cols = { alert: need(f, 'alert', name), type: need(f, 'type', name) }
        continue
      }
      const id = (f[cols.alert] ?? '').trim()
      if (id && !types.has(id)) types.set(id, (f[cols.type] ?? '').trim().toLowerCase())
    }
    if (types.size > 0) break
  }
  return types
}

async function accountCountries(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const path = join(dir, 'accounts.csv')
  if (!existsSync(path)) return out
  let cols: { id: number; country: number | undefined } | undefined
  for await (const f of csvRows(path)) {
    if (!cols) {
      cols = { id: need(f, 'account', 'accounts.csv'), country: find(f, NAMES.country) }
      if (cols.country === undefined) return out
      continue
    }
    const c = (f[cols.country!] ?? '').trim().toUpperCase()
    if (/^[A-Z]{2}$/.test(c)) out.set((f[cols.id] ?? '').trim(), c)
  }
  return out
}

/** a timestamp cell: an integer step (days from the start), or a date or date-time (taken as UTC without a zone) */
function parseTime(text: string, startMs: number, row: number): number {
  const t = text.trim()
  if (/^-?\d+$/.test(t)) return stepTime(startMs, Number(t), row)
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(t)
  if (!m) return NaN
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0))
}

/**
 * Every transfer of the run: the SAR ones (flag true, or an alert id other than -1) are illicit, instance = the
 * alert id, typology = its alert type (fan_in, cycle, ...). Alert transfers that AMLSim marks as not SAR (its
 * false-positive alerts) stay benign.
 */
export async function* readStandardLayout(dir: string, startMs: number): AsyncGenerator<Imported> {
  const path = standardTransactions(dir)!
  const file = path.slice(dir.length + 1)
  const types = await alertTypes(dir)
  const country = await accountCountries(dir)
  const party = (id: string) => (country.has(id) ? { id: `amlsim:${id}`, country: country.get(id) } : { id: `amlsim:${id}` })
  let cols: Record<'src' | 'dst' | 'amount' | 'time' | 'alert', number> & { sar: number | undefined } | undefined
  let row = 0
  for await (const f of csvRows(path)) {
    if (!cols) {
      cols = {
        src: need(f, 'src', file), dst: need(f, 'dst', file), amount: need(f, 'amount', file),
        time: need(f, 'time', file), alert: need(f, 'alert', file), sar: find(f, NAMES.sar),
      }
      continue
    }
    row++
    const amount = normaliseAmount(f[cols.amount] ?? '')
    const ts = parseTime(f[cols.time] ?? '', startMs, row)
    if (!amount || !Number.isFinite(ts)) continue
    const alert = (f[cols.alert] ?? '').trim()
    const inAlert = alert !== '' && alert !== '-1'
    const sarText = cols.sar === undefined ? '' : (f[cols.sar] ?? '').trim()
    const illicit = inAlert && (cols.sar === undefined || /^(true|1)$/i.test(sarText))
    yield {
      ts, row,
      body: record(ts, amount, party((f[cols.src] ?? '').trim()), party((f[cols.dst] ?? '').trim())),
      label: illicit ? { instanceId: `alert-${alert}`, typology: types.get(alert) || 'amlsim' } : undefined,
    }
  }
}
