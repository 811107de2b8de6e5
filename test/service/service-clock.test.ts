import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/core/index.ts'
import { ListHolder } from '../../src/service/lists.ts'
import { RulesetService } from '../../src/service/rulesets.ts'
import { DIALECTS, useFreshStore } from './support/databases.ts'
import { TEST_RULES } from './support/rules.ts'

const AT = Date.parse('2026-04-05T06:07:08.000Z')

describe('lists on an injected clock', () => {
  it('date a reload by the clock', async () => {
    const lists = new ListHolder(async () => ({ watchlists: {}, sources: [] }), new ManualClock(AT))
    expect((await lists.reload()).loadedAt).toBe('2026-04-05T06:07:08.000Z')
  })
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: rule sets on an injected clock`, () => {
    const fresh = useFreshStore(dialect)

    it('date an activation by the clock', async () => {
      const rulesets = new RulesetService(new ManualClock(AT))
      expect((await rulesets.publish(fresh.store.db, TEST_RULES, { actor: 'test', activate: true })).ok).toBe(true)
      const active = await fresh.store.db.selectFrom('active_ruleset').select('activated_at').executeTakeFirstOrThrow()
      expect(new Date(active.activated_at).toISOString()).toBe('2026-04-05T06:07:08.000Z')
    })
  })
}
