import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSweepSpec, type SweepSpec } from '../../src/eval/sweep/spec.ts'
import type { SweepRow } from '../../src/eval/sweep/sweep-report.ts'
import { sweepVariants } from '../../src/eval/sweep/variants.ts'
import { generate } from '../../src/gen/generate.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import { runEval } from './eval-run.ts'
import { writeSmallPack } from './small-pack.ts'

// Seed 23 is used by no other test and was never looked at while tuning the pack; the small pack makes the
// figures independent of the shipped rules.
let dir: string
let pack: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'txscreen-sweep-'))
  await generate({ seed: 23, records: 4000, outDir: join(dir, 'gen'), start: '2026-05-01' })
  pack = await writeSmallPack(join(dir, 'pack'), { repeatPayer: 0.01 })
}, 60_000)
afterAll(() => rm(dir, { recursive: true, force: true }))

const data = () => [join(dir, 'gen', 'records.ndjson'), '--labels', join(dir, 'gen', 'labels.csv')]
const spec = (text: string) => parseSweepSpec(text) as SweepSpec

async function sweep(text: string): Promise<SweepRow[]> {
  const { code, out, err } = await runEval([...data(), '--rules', pack, '--sweep', text, '--json'])
  expect(err).toBe('')
  expect(code).toBe(0)
  return JSON.parse(out).sweep.rows
}

const nonIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x <= xs[i - 1]!)

describe('txscreen eval --sweep on a generated file', () => {
  it('raising a band edge lowers alerts, the rule hits and recall step by step', async () => {
    const rows = await sweep('repeat-payer:score.bands.0.from=2:8:1')
    expect(rows.map((r) => r.value)).toEqual([2, 3, 4, 5, 6, 7, 8])
    expect(rows.map((r) => r.current)).toEqual([false, true, false, false, false, false, false])
    for (const key of ['alerts', 'recall', 'falsePositives'] as const) expect(nonIncreasing(rows.map((r) => r[key]))).toBe(true)
    expect(nonIncreasing(rows.map((r) => r.rule!.hits))).toBe(true)
    // the threshold matters on this file: the ends differ
    expect(rows[0]!.alerts).toBeGreaterThan(rows.at(-1)!.alerts)
    expect(rows[0]!.rule!.falseAlerts).toBeGreaterThan(rows.at(-1)!.rule!.falseAlerts)
    // the budget (1 %) is checked at each value
    expect(rows.every((r) => r.rule!.budget === 0.01 && r.rule!.over === r.rule!.falseAlertRate > 0.01)).toBe(true)
    expect(rows[0]!.families).toBeDefined()
  }, 60_000)

  it('raising a require threshold does the same', async () => {
    const rows = await sweep('repeat-payer:require.total.gte=100,1000,10000,100000')
    expect(nonIncreasing(rows.map((r) => r.alerts))).toBe(true)
    expect(nonIncreasing(rows.map((r) => r.rule!.hits))).toBe(true)
    expect(rows[0]!.rule!.hits).toBeGreaterThan(rows.at(-1)!.rule!.hits)
  }, 60_000)

  it('gives at each value the figures of a plain eval with the rule file edited to that value', async () => {
    const rows = await sweep('repeat-payer:score.bands.0.from=3,6')
    const edited = join(dir, 'edited')
    await writeSmallPack(edited, { repeatPayer: 0.01 })
    const file = join(edited, 'repeat-payer.yaml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('{ from: 3, score: 50 }', '{ from: 6, score: 50 }'))
    for (const [row, rules] of [[rows[0]!, pack], [rows[1]!, edited]] as const) {
      const plain = JSON.parse((await runEval([...data(), '--rules', rules, '--json'])).out)
      expect(row).toMatchObject({
        alerts: plain.flagged,
        truePositives: plain.transactions.truePositives,
        falsePositives: plain.transactions.falsePositives,
        recall: plain.transactions.recall,
        instanceRecall: plain.instances.recall,
        benignAlertRate: plain.benignAlertRate,
      })
      expect(row.families).toEqual(Object.fromEntries(plain.families.map((f: { family: string; falseAlerts: number }) => [f.family, f.falseAlerts])))
    }
  }, 60_000)

  it('sweeps the ruleset file too: a higher review threshold gives fewer alerts, and no rule columns', async () => {
    const rows = await sweep('ruleset:thresholds.review=30:70:10')
    expect(rows.map((r) => r.value)).toEqual([30, 40, 50, 60, 70])
    expect(rows.map((r) => r.current)).toEqual([false, true, false, false, false])
    expect(nonIncreasing(rows.map((r) => r.alerts))).toBe(true)
    // repeat-payer scores 50 and large-amount 60: from 60 only records both hit, from 70 fewer still
    expect(rows[1]!.alerts).toBe(rows[2]!.alerts)
    expect(rows[2]!.alerts).toBeGreaterThan(rows[3]!.alerts)
    expect(rows[3]!.alerts).toBeGreaterThan(rows[4]!.alerts)
    expect(rows.every((r) => r.rule === undefined)).toBe(true)
    // a number written as text (a rate) takes numbers as text, and the current one is recognised
    const rates = await sweep('ruleset:rates.EUR=1.08,1.1')
    expect(rates.map((r) => [r.value, r.current])).toEqual([['1.08', true], ['1.1', false]])
    const weights = await sweep('ruleset:rules.repeat-payer.weight=0.5,1')
    expect(weights[0]!.alerts).toBeLessThan(weights[1]!.alerts)
  }, 60_000)

  it('prints a row per value in the text report, the current one marked', async () => {
    const { code, out } = await runEval([...data(), '--rules', pack, '--sweep', 'repeat-payer:score.bands.0.from=3,4'])
    expect(code).toBe(0)
    expect(out).toMatch(/^sweep of repeat-payer score\.bands\.0\.from \(.*repeat-payer\.yaml:17:15, now 3\) over 4000 records/)
    expect(out).toMatch(/^3 \(now\)\s+\d+\s+\d\.\d{3}\s+\d\.\d{3}/m)
    expect(out).toMatch(/^4\s+\d+\s+\d\.\d{3}/m)
    expect(out).toContain('per benign family (false alerts)')
  }, 60_000)
})

describe('bad sweeps', () => {
  it.each([
    ['repeat-payr:score.bands.0.from=2', /no rule file with id "repeat-payr"; did you mean "repeat-payer"\?/],
    ['repeat-payer:score.band.0.from=2', /repeat-payer\.yaml: no "band" in score; it has measure, bands/],
    ['repeat-payer:score.bands.1.from=2', /repeat-payer\.yaml: score\.bands is a list of 1; expected an index from 0 to 0, got "1"/],
    ['repeat-payer:score.bands.0.from.x=2', /score\.bands\.0\.from is a single value; it has no "x"/],
    ['repeat-payer:score.bands.0=2', /score\.bands\.0 is a map, not one value; give the path down to a number or text/],
    ['repeat-payer:score.bands.0.from=2,three', /repeat-payer\.yaml:17:15: score\.bands\.0\.from is a number \(3\); "three" is not/],
    ['repeat-payer:window=7d,10', /window=10 does not compile:\n.*repeat-payer\.yaml:8:9: expected a duration/],
    ['repeat-payer:window=7d,7x', /window=7x does not compile:\n.*repeat-payer\.yaml:8:9: expected a duration/],
    ['repeat-payer:score.bands.0.score=50,120', /score\.bands\.0\.score=120 does not compile:\n.*repeat-payer\.yaml:17:25: Too big/],
  ])('%s', async (text, message) => {
    const result = sweepVariants(await readRuleSources(pack), spec(text))
    expect(typeof result).toBe('string')
    expect(result).toMatch(message)
  })

  it('field names keep their dots in a path; map keys and list indices are walked alike', async () => {
    const sources = (await readRuleSources(pack)).map((s) =>
      s.path.endsWith('large-amount.yaml') ? { ...s, text: s.text.replace('entity: none\n', 'entity: none\nwhere:\n  sender.type: { not_in: [business] }\n  amount: { gte: 10 }\n') } : s,
    )
    const types = sweepVariants(sources, spec('large-amount:where.sender.type.not_in.0=business,msb'))
    expect(typeof types === 'string' ? types : { at: types.at.replace(/.*\//, ''), current: types.current, values: types.variants.map((v) => v.value) }).toEqual({
      at: 'large-amount.yaml:9:27',
      current: 'business',
      values: ['business', 'msb'],
    })
    const amounts = sweepVariants(sources, spec('large-amount:where.amount.gte=10,20'))
    expect(typeof amounts === 'string' ? amounts : amounts.at.replace(/.*\//, '')).toBe('large-amount.yaml:10:18')
  })

  it('"ruleset" names the ruleset file, and a rule with that id is refused', async () => {
    const sources = await readRuleSources(pack)
    expect(sweepVariants(sources, spec('ruleset:thresholds.revue=30'))).toMatch(/ruleset\.yaml: no "revue" in thresholds; it has review, block \(a sweep varies/)
    const clash = [...sources, { path: 'ruleset-rule.yaml', text: 'kind: rule\nid: ruleset\n' }]
    expect(sweepVariants(clash, spec('ruleset:thresholds.review=30'))).toMatch(/ruleset-rule\.yaml is a rule with the id "ruleset", which --sweep reserves/)
  })

  it('a rule switched off in the ruleset', async () => {
    const off = await writeSmallPack(join(dir, 'off'))
    const file = join(off, 'ruleset.yaml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('large-amount: {}', 'large-amount: { enabled: false }'))
    expect(sweepVariants(await readRuleSources(off), spec('large-amount:score.bands.0.from=1000'))).toMatch(/"large-amount" is switched off in the ruleset/)
  })

  it('exit 2 from the command, with the message, before any screening', async () => {
    const bad = await runEval([...data(), '--rules', pack, '--sweep', 'repeat-payer:score.bands.0.from=6:2:1'])
    expect(bad.code).toBe(2)
    expect(bad.out).toBe('')
    expect(bad.err).toContain('never reaches 2 from 6 by steps of 1')
    const missing = await runEval([...data(), '--rules', pack, '--sweep', 'nope:x=1'])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('no rule file with id "nope"')
    const both = await runEval([...data(), '--rules', pack, '--sweep', 'repeat-payer:window=3d', '--fail-over-budget'])
    expect(both.code).toBe(2)
    expect(both.err).toContain('--fail-over-budget applies to the plain report, not to --sweep')
  })
})
