import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { normaliseAmount } from './amlworld.ts'
import { column, record, stepTime } from './amlsim-common.ts'
import { readStandardLayout, standardTransactions } from './amlsim-standard.ts'
import { csvRows } from './csv.ts'
import type { Imported } from './output.ts'

/** AMLSim steps are days from this date (its samples carry no calendar) */
export const AMLSIM_START = '2026-01-01'

export type AmlsimLayout = 'nodes' | 'alerts' | 'standard'

export function detectAmlsimLayout(dir: string): AmlsimLayout {
  if (existsSync(join(dir, 'nodes.csv')) && existsSync(join(dir, 'transactions.csv'))) return 'nodes'
  if (standardTransactions(dir)) return 'standard'
  if (existsSync(join(dir, 'accounts.csv')) && existsSync(join(dir, 'alerts.csv'))) return 'alerts'
  throw new Error(`${dir}: expected AMLSim's output (transactions.csv or tx.csv with alert ids, accounts.csv), nodes.csv + transactions.csv, or accounts.csv + alerts.csv`)
}

/** "patterns: 200 fan-in" in metadata.txt names the planted typology; fan_in / cycle as AMLSim spells them */
function typologyFromMetadata(dir: string): string {
  const path = join(dir, 'metadata.txt')
  if (!existsSync(path)) return 'amlsim'
  const m = /patterns:\s*\d+\s+([a-z_-]+)/i.exec(readFileSync(path, 'utf8'))
  if (!m) return 'amlsim'
  return m[1]!.toLowerCase().replace(/-/g, '_').replace(/s$/, '')
}

/**
 * nodes.csv + transactions.csv: node labels only. A transfer is illicit when both of its ends are fraud accounts
 * (isFraud = 1); transfers between a fraud account and a normal one stay benign. The files do not say which
 * planted pattern a transfer belongs to (fraud accounts of different patterns also pay each other, so connected
 * groups merge into a handful), so the instance is the receiving fraud account: instance recall here is the share
 * of fraud accounts with at least one flagged incoming fraud transfer. Memory holds the fraud account ids only.
 */
async function* readNodesLayout(dir: string, startMs: number): AsyncGenerator<Imported> {
  const fraud = new Set<string>()
  let header: string[] | undefined
  for await (const f of csvRows(join(dir, 'nodes.csv'))) {
    if (!header) {
      header = f
      continue
    }
    if ((f[column(header, 'isFraud')] ?? '').trim() === '1') fraud.add((f[column(header, 'nodeid')] ?? '').trim())
  }
  const typology = typologyFromMetadata(dir)
  let cols: { src: number; dst: number; value: number; time: number } | undefined
  let row = 0
  for await (const f of csvRows(join(dir, 'transactions.csv'))) {
    if (!cols) {
      cols = { src: column(f, 'sourceNodeId'), dst: column(f, 'targetNodeId'), value: column(f, 'value'), time: column(f, 'time') }
      continue
    }
    row++
    const s = f[cols.src]!.trim()
    const d = f[cols.dst]!.trim()
    const amount = normaliseAmount(f[cols.value] ?? '')
    const step = Number(f[cols.time])
    if (!amount || !Number.isFinite(step)) continue
    const ts = stepTime(startMs, step, row)
    const illicit = fraud.has(s) && fraud.has(d)
    yield {
      ts, row,
      body: record(ts, amount, { id: `amlsim:${s}` }, { id: `amlsim:${d}` }),
      label: illicit ? { instanceId: `amlsim-${d}`, typology } : undefined,
    }
  }
}

/** accounts.csv + alerts.csv (the alerts-10k layout): each alert id is an instance, ALERT_TYPE its typology */
async function* readAlertsLayout(dir: string, startMs: number): AsyncGenerator<Imported> {
  const country = new Map<string, string>()
  let header: string[] | undefined
  for await (const f of csvRows(join(dir, 'accounts.csv'))) {
    if (!header) {
      header = f
      continue
    }
    const c = (f[column(header, 'COUNTRY')] ?? '').trim()
    if (/^[A-Z]{2}$/.test(c)) country.set((f[column(header, 'ACCOUNT_ID')] ?? '').trim(), c)
  }
  let cols: Record<'alert' | 'type' | 'fraud' | 'src' | 'dst' | 'amount' | 'time', number> | undefined
  let row = 0
  for await (const f of csvRows(join(dir, 'alerts.csv'))) {
    if (!cols) {
      cols = { alert: column(f, 'ALERT_ID'), type: column(f, 'ALERT_TYPE'), fraud: column(f, 'IS_FRAUD'), src: column(f, 'SENDER_ACCOUNT_ID'), dst: column(f, 'RECEIVER_ACCOUNT_ID'), amount: column(f, 'TX_AMOUNT'), time: column(f, 'TIMESTAMP') }
      continue
    }
    row++
    const amount = normaliseAmount(f[cols.amount] ?? '')
    const step = Number(f[cols.time])
    if (!amount || !Number.isFinite(step)) continue
    const ts = stepTime(startMs, step, row)
    const s = f[cols.src]!.trim()
    const d = f[cols.dst]!.trim()
    const party = (id: string) => (country.has(id) ? { id: `amlsim:${id}`, country: country.get(id) } : { id: `amlsim:${id}` })
    const illicit = /^(true|1)$/i.test((f[cols.fraud] ?? '').trim())
    yield { ts, row, body: record(ts, amount, party(s), party(d)), label: illicit ? { instanceId: `alert-${f[cols.alert]!.trim()}`, typology: f[cols.type]!.trim() } : undefined }
  }
}

export function readAmlsim(dir: string, start = AMLSIM_START): AsyncGenerator<Imported> {
  const startMs = Date.parse(`${start}T00:00:00Z`)
  const layout = detectAmlsimLayout(dir)
  if (layout === 'standard') return readStandardLayout(dir, startMs)
  return layout === 'nodes' ? readNodesLayout(dir, startMs) : readAlertsLayout(dir, startMs)
}
