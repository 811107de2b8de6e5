import { headerIndex } from './csv.ts'

/** What the AMLSim layouts share: step times, column lookup, the record shape. */

const DAY_MS = 86_400_000

/** a time of day for a row, spread over the day and fixed by the row number, so output is deterministic */
export function stepTime(startMs: number, step: number, row: number): number {
  const second = Math.imul(row + 1, 2654435761) >>> 0
  return startMs + step * DAY_MS + (second % 86_400) * 1000
}

export function column(header: string[], name: string): number {
  const found = headerIndex(header).get(name.toLowerCase())
  if (!found) throw new Error(`AMLSim file: no ${name} column in "${header.join(',')}"`)
  return found[0]!
}

export function record(ts: number, amount: string, sender: Record<string, string | undefined>, receiver: Record<string, string | undefined>) {
  // AMLSim amounts have no currency; USD is a placeholder so the records validate
  return { timestamp: new Date(ts).toISOString().slice(0, 19) + 'Z', amount, currency: 'USD', channel: 'wire', sender, receiver }
}

