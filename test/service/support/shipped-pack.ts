import { afterAll, beforeAll, expect } from 'vitest'
import { openDatabase, type OpenDatabase } from '../../../src/adapters/node/open-database.ts'
import type { RuleSource } from '../../../src/core/index.ts'
import { readRuleSources } from '../../../src/rules-fs.ts'
import { RulesetService } from '../../../src/service/rulesets.ts'
import { freshDatabase, type DialectName, type TestDatabase } from './databases.ts'

/**
 * For the enclosing describe: `count` fresh databases with the shipped pack published and active, one per
 * real-time mode compared (filled in beforeAll; closed and dropped in afterAll, after the describe's own hooks).
 */
export function useShippedPackStores(dialect: DialectName, count: number): { files: RuleSource[]; stores: { store: OpenDatabase; rulesets: RulesetService }[] } {
  const s = { files: [] as RuleSource[], stores: [] as { store: OpenDatabase; rulesets: RulesetService; test: TestDatabase }[] }
  beforeAll(async () => {
    s.files = await readRuleSources()
    for (let i = 0; i < count; i++) {
      const test = await freshDatabase(dialect)
      const store = await openDatabase(test.target)
      const rulesets = new RulesetService()
      s.stores.push({ test, store, rulesets })
      expect((await rulesets.publish(store.db, s.files, { actor: 'test', activate: true })).ok).toBe(true)
    }
  })
  afterAll(async () => {
    for (const { store, test } of s.stores) {
      await store.close()
      await test.drop()
    }
  })
  return s
}
