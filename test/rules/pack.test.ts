import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRuleset, formatRuleIssue } from '../../src/core/index.ts'
import { parseYamlSource } from '../../src/core/rules/yaml-source.ts'
import { DEFAULT_RULES_DIR, readRuleSources } from '../../src/rules-fs.ts'
import { evaluatePack } from './support/screen-pack.ts'

// Regression check for the shipped pack on the checked-in generated sample (seed 7, a seed the pack was tuned on,
// so it mirrors rather than measures): a rule change that breaks detection there fails here. detection.test.ts
// measures the pack on seeds it was never tuned on.
const FIXTURE = new URL('../../fixtures/generated/', import.meta.url).pathname

describe('the shipped rule pack', () => {
  it('compiles, with at least 25 rules, each citing a typologies.md rule', async () => {
    const result = compileRuleset(await readRuleSources())
    expect(result.ok ? [] : result.issues.map(formatRuleIssue)).toEqual([])
    if (!result.ok) return
    expect(result.ruleset.rules.length).toBeGreaterThanOrEqual(25)
    for (const rule of result.ruleset.rules) expect(rule.source, rule.id).toMatch(/R\d\d/)
    expect(result.ruleset.rules.filter((r) => r.modifier).map((r) => r.id)).toEqual(
      expect.arrayContaining(['fee-band', 'corridor-context', 'memo-lexicon', 'route-instalments']),
    )
  })

  it('meets the detection thresholds on the generated fixture', async () => {
    const report = await evaluatePack(FIXTURE)

    expect(report.errors).toBe(0)
    expect(report.transactions.precision).toBeGreaterThanOrEqual(0.6)
    expect(report.benignAlertRate).toBeLessThanOrEqual(0.01)
    const weak = report.typologies.filter((t) => t.recall < 0.9).map((t) => `${t.typology} ${t.found}/${t.instances}`)
    expect(weak).toEqual([])
    expect(report.typologies.length).toBeGreaterThanOrEqual(20)
  }, 60_000)

  it('reports a broken copy of the pack with file:line:column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'txscreen-pack-'))
    try {
      await cp(DEFAULT_RULES_DIR, dir, { recursive: true })
      const file = join(dir, 'fan-out.yaml')
      const text = await readFile(file, 'utf8')
      await writeFile(file, text.replace('payees: { distinct: counterparty.id }', 'payees: { distinct: counterparty.shoe_size }'))
      const result = compileRuleset(await readRuleSources(dir))
      expect(result.ok).toBe(false)
      if (result.ok) return
      const lines = result.issues.map(formatRuleIssue)
      const line = text.split('\n').findIndex((l) => l.includes('payees: { distinct:')) + 1
      expect(lines).toEqual([expect.stringMatching(new RegExp(`fan-out\\.yaml:${line}:\\d+: .*shoe_size`))])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('compiles the same from values parsed before (a build cache), and still places an issue by line', async () => {
    const sources = await readRuleSources()
    const parsed = new Map(sources.map((s) => [s.text, JSON.parse(JSON.stringify(parseYamlSource(s).value)) as unknown]))
    const fresh = compileRuleset(sources)
    const cached = compileRuleset(sources, { parsed })
    expect(fresh.ok && cached.ok).toBe(true)
    if (!fresh.ok || !cached.ok) return
    expect(cached.ruleset.version).toBe(fresh.ruleset.version)
    expect(cached.ruleset.rules.map((r) => [r.id, r.version, r.windowMs])).toEqual(fresh.ruleset.rules.map((r) => [r.id, r.version, r.windowMs]))

    // a known file whose value breaks the schema: the issue's line comes from parsing the text after all
    const source = sources.find((s) => s.path.endsWith('fan-out.yaml'))!
    const broken = JSON.parse(JSON.stringify(parsed.get(source.text)).replace('"counterparty.id"', '"counterparty.shoe_size"')) as unknown
    const result = compileRuleset(sources, { parsed: new Map([[source.text, broken]]) })
    expect(result.ok).toBe(false)
    if (result.ok) return
    const line = source.text.split('\n').findIndex((l) => l.includes('payees: { distinct:')) + 1
    expect(result.issues.map(formatRuleIssue)).toEqual([expect.stringMatching(new RegExp(`fan-out\\.yaml:${line}:\\d+: .*shoe_size`))])
  })
})
