import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generate } from '../../src/gen/generate.ts'

// Issue 17, session stack30: the layered_stack and velocity variants the rules were never shown. A thin stack
// (one payer and one payee a layer, each passing on most of what it got after a hold of days) and a funded
// velocity burst (third parties pay the account, then the burst pays most of it on) must be planted.

interface Row { id: string; ts: number; amount: number; sender: string; receiver: string; instance: string; typology: string }

let rows: Row[] = []
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'txgen-stack-'))
  await generate({ seed: 20011, records: 30_000, outDir: dir, start: '2026-01-01', illicitShare: 0.25, sanctionsLists: [] })
  const labels = new Map<string, { instance: string; typology: string }>()
  for (const line of readFileSync(join(dir, 'labels.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [id, , instance, typology] = line.split(',')
    if (instance) labels.set(id!, { instance, typology: typology! })
  }
  for (const line of readFileSync(join(dir, 'records.ndjson'), 'utf8').trim().split('\n')) {
    const r = JSON.parse(line) as { id: string; timestamp: string; amount: string; sender: { id: string }; receiver: { id: string } }
    const label = labels.get(r.id)
    if (label) rows.push({ id: r.id, ts: Date.parse(r.timestamp), amount: Number(r.amount), sender: r.sender.id, receiver: r.receiver.id, ...label })
  }
}, 120_000)

const instances = (typology: string) => {
  const by = new Map<string, Row[]>()
  for (const r of rows.filter((r) => r.typology === typology)) by.set(r.instance, [...(by.get(r.instance) ?? []), r])
  return [...by.values()]
}

describe('stack and burst variants (stack30)', () => {
  it('plants thin stacks: a chain of transfers, each layer paying on 80-99 % of what it got, days later, one payer and one payee', () => {
    const thin = instances('layered_stack').filter((tx) => {
      const payers = new Map<string, number>()
      const payees = new Map<string, number>()
      for (const t of tx) {
        payees.set(t.sender, (payees.get(t.sender) ?? 0) + 1)
        payers.set(t.receiver, (payers.get(t.receiver) ?? 0) + 1)
      }
      return [...payers.values()].every((n) => n === 1) && [...payees.values()].every((n) => n === 1) && tx.length >= 4
    })
    expect(thin.length).toBeGreaterThan(0)
    for (const tx of thin) {
      const chain = [...tx].sort((a, b) => a.ts - b.ts)
      for (let i = 1; i < chain.length; i++) {
        expect(chain[i]!.sender).toBe(chain[i - 1]!.receiver)
        expect(chain[i]!.amount / chain[i - 1]!.amount).toBeGreaterThanOrEqual(0.79)
        expect(chain[i]!.amount).toBeLessThanOrEqual(chain[i - 1]!.amount)
        expect(chain[i]!.ts - chain[i - 1]!.ts).toBeGreaterThan(12 * 3_600_000)
      }
    }
  })

  it('plants funded velocity bursts: money in from third parties first, then most of it paid out to many payees', () => {
    const funded = instances('velocity').filter((tx) => {
      const out = new Map<string, number>()
      for (const t of tx) out.set(t.sender, (out.get(t.sender) ?? 0) + 1)
      const account = [...out.entries()].sort((a, b) => b[1] - a[1])[0]![0]
      return tx.some((t) => t.receiver === account)
    })
    expect(funded.length).toBeGreaterThan(0)
    for (const tx of funded) {
      const out = new Map<string, number>()
      for (const t of tx) out.set(t.sender, (out.get(t.sender) ?? 0) + 1)
      const account = [...out.entries()].sort((a, b) => b[1] - a[1])[0]![0]
      const credits = tx.filter((t) => t.receiver === account)
      const burst = tx.filter((t) => t.sender === account)
      const paidIn = credits.reduce((s, t) => s + t.amount, 0)
      const paidOut = burst.reduce((s, t) => s + t.amount, 0)
      expect(paidOut / paidIn).toBeGreaterThanOrEqual(0.84)
      expect(paidOut / paidIn).toBeLessThanOrEqual(1)
      expect(Math.min(...burst.map((t) => t.ts))).toBeGreaterThan(Math.max(...credits.map((t) => t.ts)))
      expect(burst.length).toBeGreaterThanOrEqual(5)
    }
  })
})
