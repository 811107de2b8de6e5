import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileRuleset, formatRuleIssue } from '../../src/core/index.ts'
import { budgetReports } from '../../src/eval/budgets.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import { day, record, runEval } from './eval-run.ts'
import { writeSmallPack } from './small-pack.ts'

describe('budgetReports', () => {
  it('rates each budgeted rule against the benign records, rules that hit nothing included, over-budget first', () => {
    const report = { benign: 1000, rules: [{ rule: 'a', hits: 5, illicit: 2, precision: 0.4, falseAlerts: 3, instances: 1 }, { rule: 'b', hits: 2, illicit: 0, precision: 0, falseAlerts: 2, instances: 0 }] }
    const rules = [
      { id: 'a', falseAlertBudget: 0.005 },
      { id: 'b', falseAlertBudget: 0.001 },
      { id: 'c', falseAlertBudget: 0.001 },
      { id: 'd', falseAlertBudget: undefined },
    ]
    expect(budgetReports(report, rules)).toEqual([
      { rule: 'b', budget: 0.001, falseAlerts: 2, falseAlertRate: 0.002, over: true },
      { rule: 'a', budget: 0.005, falseAlerts: 3, falseAlertRate: 0.003, over: false },
      { rule: 'c', budget: 0.001, falseAlerts: 0, falseAlertRate: 0, over: false },
    ])
    // exactly at the budget is within it
    expect(budgetReports({ benign: 1000, rules: report.rules }, [{ id: 'a', falseAlertBudget: 0.003 }])[0]!.over).toBe(false)
  })
})

describe('false_alert_budget in rule files', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'txscreen-budget-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('is carried on the compiled rule, and undefined where a file states none', async () => {
    const result = compileRuleset(await readRuleSources(await writeSmallPack(join(dir, 'ok'), { repeatPayer: 0.002 })))
    if (!result.ok) throw new Error(result.issues.map(formatRuleIssue).join('\n'))
    expect(Object.fromEntries(result.ruleset.rules.map((r) => [r.id, r.falseAlertBudget]))).toEqual({ 'repeat-payer': 0.002, 'large-amount': undefined })
  })

  it('must be a share between 0 and 1, reported at its line', async () => {
    const result = compileRuleset(await readRuleSources(await writeSmallPack(join(dir, 'bad'), { largeAmount: 2 })))
    expect(result.ok).toBe(false)
    const issues = result.ok ? [] : result.issues.map(formatRuleIssue)
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(/large-amount\.yaml:15:21: expected a share of benign transfers between 0 and 1/)
  })
})

describe('txscreen eval with budgets', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'txscreen-eval-budget-'))
    // alice sends 4 (an instance, flagged from the third); bob sends 3 benign (the third is a false alert of
    // repeat-payer); carol's one large benign transfer is a false alert of large-amount
    const records = [
      record('a1', day(1, 9), 'alice', 'x', '200'),
      record('b1', day(1, 10), 'bob', 'y', '150'),
      record('a2', day(2, 9), 'alice', 'x', '200'),
      record('b2', day(2, 10), 'bob', 'y', '150'),
      record('a3', day(3, 9), 'alice', 'x', '200'),
      record('b3', day(3, 10), 'bob', 'y', '150'),
      record('a4', day(4, 9), 'alice', 'x', '200'),
      record('c1', day(4, 10), 'carol', 'z', '9000'),
      record('d1', day(4, 11), 'dave', 'z', '50'),
      record('e1', day(4, 12), 'erin', 'z', '60'),
    ]
    await writeFile(join(dir, 'records.ndjson'), records.join('\n') + '\n')
    const labels = ['id,is_illicit,instance_id,typology', ...['a1', 'a2', 'a3', 'a4'].map((id) => `${id},1,I1,structuring_transfer`), ...['b1', 'b2', 'b3', 'c1', 'd1', 'e1'].map((id) => `${id},0,,`)]
    await writeFile(join(dir, 'labels.csv'), labels.join('\n') + '\n')
    // 6 benign records: one false alert each is a rate of 1/6
    await writeSmallPack(join(dir, 'tight'), { repeatPayer: 0.1, largeAmount: 0.2 })
    await writeSmallPack(join(dir, 'loose'), { repeatPayer: 0.2, largeAmount: 0.2 })
    await writeSmallPack(join(dir, 'none'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  const args = (pack: string, ...more: string[]) => [join(dir, 'records.ndjson'), '--labels', join(dir, 'labels.csv'), '--rules', join(dir, pack), ...more]

  it('flags the rule over its budget in the JSON report', async () => {
    const { code, out } = await runEval(args('tight', '--json'))
    expect(code).toBe(0)
    const report = JSON.parse(out)
    expect(report.transactions).toMatchObject({ truePositives: 2, falsePositives: 2 })
    expect(report.overBudget).toEqual(['repeat-payer'])
    expect(report.budgets).toEqual([
      { rule: 'repeat-payer', budget: 0.1, falseAlerts: 1, falseAlertRate: 1 / 6, over: true },
      { rule: 'large-amount', budget: 0.2, falseAlerts: 1, falseAlertRate: 1 / 6, over: false },
    ])
  })

  it('marks it OVER in the text report', async () => {
    const { out } = await runEval(args('tight'))
    expect(out).toContain('OVER BUDGET: 1 rule(s) raise more false alerts than their false_alert_budget: repeat-payer')
    expect(out).toMatch(/^repeat-payer\s+1\s+16\.67%\s+10\.00%\s+OVER$/m)
    expect(out).toMatch(/^large-amount\s+1\s+16\.67%\s+20\.00%\s+ok$/m)
  })

  it('exits 1 with --fail-over-budget only when a rule is over', async () => {
    expect((await runEval(args('tight', '--fail-over-budget'))).code).toBe(1)
    const loose = await runEval(args('loose', '--fail-over-budget', '--json'))
    expect(loose.code).toBe(0)
    expect(JSON.parse(loose.out).overBudget).toEqual([])
    expect((await runEval(args('loose'))).out).toContain('false-alert budgets: all 2 rules that state one are within it')
  })

  it('has no budgets section when no rule states a budget', async () => {
    const { code, out } = await runEval(args('none', '--json', '--fail-over-budget'))
    expect(code).toBe(0)
    expect('budgets' in JSON.parse(out)).toBe(false)
    expect((await runEval(args('none'))).out).not.toContain('budget')
  })
})
