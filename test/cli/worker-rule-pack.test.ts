import { describe, expect, it } from 'vitest'
import { RULE_PACK } from '../../src/adapters/workers/rule-pack.generated.ts'
import { readRuleSources } from '../../src/rules-fs.ts'

describe('the rule pack bundled for Workers', () => {
  it('holds the same files as rules/default/ (regenerate with npx tsx scripts/bundle-rule-pack.ts)', async () => {
    const onDisk = await readRuleSources()
    expect(RULE_PACK.map((f) => f.text)).toEqual(onDisk.map((f) => f.text))
  })

  it('holds the default pack alone, never a sibling pack under rules/', () => {
    expect(RULE_PACK.length).toBeGreaterThan(0)
    for (const f of RULE_PACK) expect(f.path).toMatch(/^rules\/default\/[^/]+\.yaml$/)
  })
})
