import { describe, expect, it } from 'vitest'
import { exportForAccept, exportsOf, pickExport, type Case, type ScreenOutput } from '../../src/core/index.ts'
import { parseCsvLine } from '../../src/core/io/csv-line.ts'

const cases: Case[] = [
  {
    id: 'c_0000000000000001', entity: 'id:ACC-1', rules: ['structuring-transfer', 'memo-lexicon'], typologies: ['structuring'], alerts: 3, score: 160, maxScore: 60,
    decision: 'review', transfers: ['t1', 't2', 't3'], evidence: ['t0', 't1', 't2', 't3'], firstSeen: '2026-03-01T10:00:00.000Z', lastSeen: '2026-03-03T10:00:00.000Z',
  },
  {
    id: 'c_0000000000000002', entity: 'name:"Ann, the boat"', rules: ['name-screen'], typologies: ['sanctions'], alerts: 1, score: 90, maxScore: 90,
    decision: 'block', transfers: ['t4'], evidence: ['t4'], firstSeen: '2026-03-02T10:00:00.000Z', lastSeen: '2026-03-02T10:00:00.000Z',
  },
]
const outputs: ScreenOutput[] = [
  { id: 't1', score: 0, decision: 'clear', hits: [], ruleset: 'r@1' },
  { line: 2, error: { code: 'invalid_json', message: 'not valid JSON' } },
]

describe('exports', () => {
  it('write NDJSON outputs and cases as the CLI always has: one JSON line each', () => {
    const ndjson = pickExport('outputs', {})!
    expect(ndjson.name).toBe('ndjson')
    expect(ndjson.header + ndjson.encode(outputs)).toBe(outputs.map((o) => JSON.stringify(o) + '\n').join(''))
    const casesNdjson = pickExport('cases', { name: 'ndjson' })!
    for (const found of [cases, []]) {
      expect(casesNdjson.header + casesNdjson.encode(found)).toBe(found.map((c) => JSON.stringify(c)).join('\n') + (found.length ? '\n' : ''))
    }
  })

  it('write cases as CSV: a header naming every field of a case, a row per case, lists in one cell, quoting as RFC 4180', () => {
    const csv = pickExport('cases', { name: 'csv' })!
    expect(csv.mediaType).toBe('text/csv')
    const [header, ...rows] = (csv.header + csv.encode(cases)).trimEnd().split('\n').map((l) => parseCsvLine(l)!)
    expect([...header!].sort()).toEqual(Object.keys(cases[0]!).sort())
    const row = (i: number) => Object.fromEntries(header!.map((h, j) => [h, rows[i]![j]]))
    expect(row(0)).toMatchObject({ entity: 'id:ACC-1', rules: 'structuring-transfer;memo-lexicon', score: '160', decision: 'review', transfers: 't1;t2;t3' })
    expect(row(1)).toMatchObject({ entity: 'name:"Ann, the boat"', decision: 'block', maxScore: '90' })
    expect(csv.header + csv.encode([])).toBe(csv.header)
  })

  it('encode in runs of any size to the same text', () => {
    for (const e of exportsOf('cases')) expect(e.encode(cases.slice(0, 1)) + e.encode(cases.slice(1))).toBe(e.encode(cases))
    for (const e of exportsOf('outputs')) expect(e.encode(outputs.slice(0, 1)) + e.encode(outputs.slice(1))).toBe(e.encode(outputs))
  })

  it('are picked by name, else by file name ending, else the first of their kind; by Accept for HTTP', () => {
    expect(pickExport('cases', { path: 'out/Cases.CSV' })?.name).toBe('csv')
    expect(pickExport('cases', { path: 'out/run.cases' })?.name).toBe('ndjson')
    expect(pickExport('cases', { name: 'ndjson', path: 'c.csv' })?.name).toBe('ndjson')
    expect(pickExport('cases', { name: 'xml' })).toBeUndefined()
    expect(pickExport('outputs', { name: 'csv' })).toBeUndefined()
    expect(exportForAccept('cases', 'text/csv;q=0.9, application/json')?.name).toBe('csv')
    expect(exportForAccept('cases', 'application/json, */*')).toBeUndefined()
    expect(exportForAccept('cases', undefined)).toBeUndefined()
  })
})
