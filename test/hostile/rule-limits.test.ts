import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRuleset, formatRuleIssue, type RuleSource } from '../../src/core/index.ts'
import { DIALECTS } from '../service/support/databases.ts'
import { TEST_RULES } from '../service/support/rules.ts'
import { useSeededService } from '../service/support/service.ts'

/** Issue 18, item 10: what one rule set may cost is bounded, and each excess is a rule issue at file:line:col. */

const ROOT = join(import.meta.dirname, '../..')
const [RULESET, RULE] = TEST_RULES as [RuleSource, RuleSource]

/** the test rules with the rule file changed by `edit` */
const withRule = (edit: (text: string) => string, more: RuleSource[] = []): RuleSource[] => [RULESET, { ...RULE, text: edit(RULE.text) }, ...more]

function issues(sources: RuleSource[]): string[] {
  const result = compileRuleset(sources)
  return result.ok ? [] : result.issues.map(formatRuleIssue)
}

const cycleMeasure = (visits: number) => (t: string) => t.replace('  n: { count: true }', `  n: { count: true }\n  loop: { cycle: { max_hops: 4, max_visits: ${visits} } }`)

describe('rule-file cost limits', () => {
  it('accepts the shipped pack and windows, lateness and visits up to the limits', () => {
    expect(issues(withRule((t) => t.replace('window: 24h', 'window: 366d')))).toEqual([])
    expect(issues(withRule(cycleMeasure(20_000)))).toEqual([])
    expect(issues([{ ...RULESET, text: RULESET.text.replace('lateness: 1h', 'lateness: 7d') }, RULE])).toEqual([])
  })

  it('refuses a window beyond 366 days at its line and column', () => {
    expect(issues(withRule((t) => t.replace('window: 24h', 'window: 99999w')))).toEqual([
      expect.stringMatching(/^test-rules\/repeat-sender\.yaml:8:9: expected a duration of at most 366d/),
    ])
    expect(issues(withRule((t) => t.replace('window: 24h', 'window: 367d')))).toHaveLength(1)
    expect(issues(withRule((t) => t.replace('window: 24h', 'window: 52w')))).toEqual([])
  })

  it('refuses lateness beyond 7 days', () => {
    // the ruleset file then fails as a whole, so the rules see no ruleset file either
    expect(issues([{ ...RULESET, text: RULESET.text.replace('lateness: 1h', 'lateness: 99999w') }, RULE])).toContain(
      'test-rules/ruleset.yaml:7:11: expected a duration of at most 7d',
    )
  })

  it('refuses more than 20,000 cycle visits per rule', () => {
    expect(issues(withRule(cycleMeasure(100_000)))).toEqual([expect.stringMatching(/^test-rules\/repeat-sender\.yaml:\d+:\d+: .*20000/)])
  })

  it('refuses a file over 256 KiB and a rule set over 2 MiB, naming the file', () => {
    const padded = (kib: number) => (t: string) => `${t}# ${'x'.repeat(kib * 1024)}\n`
    expect(issues(withRule(padded(257)))).toEqual([expect.stringMatching(/^test-rules\/repeat-sender\.yaml:1:1: .*256 KiB/)])
    const big = Array.from({ length: 9 }, (_, i) => ({ path: `test-rules/pad-${i}.yaml`, text: padded(250)(RULE.text.replace('id: repeat-sender', `id: pad_${i}`)) }))
    expect(issues(withRule((t) => t, big))).toEqual([expect.stringMatching(/rule set .*2 MiB/)])
  })

  it('reports deeply nested conditions as an issue rather than throwing', () => {
    const deep = (n: number) => `${'{ not: '.repeat(n)}{ channel: { eq: wire } }${' }'.repeat(n)}`
    expect(() => compileRuleset(withRule((t) => t.replace('measures:', `where: ${deep(5000)}\nmeasures:`)))).not.toThrow()
    expect(issues(withRule((t) => t.replace('measures:', `where: ${deep(5000)}\nmeasures:`)))[0]).toMatch(/^test-rules\/repeat-sender\.yaml:9:\d+: maps and lists are nested too deeply: at most 64 levels$/)
    expect(issues(withRule((t) => t.replace('measures:', `where: ${deep(100)}\nmeasures:`)))[0]).toMatch(/^test-rules\/repeat-sender\.yaml:9:\d+: maps and lists are nested too deeply/)
    expect(issues(withRule((t) => t.replace('measures:', `where: ${deep(20)}\nmeasures:`)))).toEqual([])
  })

  it('txscreen rules check states the limits, on success and on failure', () => {
    const ok = execFileSync('node', [join(ROOT, 'bin/txscreen.js'), 'rules', 'check'], { cwd: ROOT, encoding: 'utf8' })
    expect(ok).toMatch(/limits: window at most 366d, lateness at most 7d, cycle max_visits at most 20000, maps and lists nested at most 64 deep, a file at most 256 KiB, a rule set at most 2 MiB and 1000 files/)
    const dir = mkdtempSync(join(tmpdir(), 'txscreen-limits-'))
    writeFileSync(join(dir, 'ruleset.yaml'), RULESET.text)
    writeFileSync(join(dir, 'repeat-sender.yaml'), RULE.text.replace('window: 24h', 'window: 99999w'))
    const bad = spawnSync('node', [join(ROOT, 'bin/txscreen.js'), 'rules', 'check', dir], { cwd: ROOT, encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/at most 366d/)
    expect(bad.stdout + bad.stderr).toMatch(/limits: window at most 366d/)
  })
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: publishing over the limits`, () => {
    const s = useSeededService(dialect)
    it('answers 422 with the issue for a costly rule, and 413 for a body over 4 MiB', async () => {
      const files = withRule((t) => t.replace('window: 24h', 'window: 99999w'))
      const res = await s.svc.post('/v1/rulesets', s.keys.analyst, { files })
      expect(res.status).toBe(422)
      expect((await res.json()).issues[0].message).toMatch(/at most 366d/)
      const huge = await s.svc.post('/v1/rulesets', s.keys.analyst, { files: withRule((t) => `${t}# ${'x'.repeat(4 * 1024 * 1024)}\n`) })
      expect(huge.status).toBe(413)
    })
  })
}
