import { beforeAll, describe, expect, it } from 'vitest'
import { createBatch } from '../../src/store/batches.ts'
import { appendEntityEvents, loadEntityHistory } from '../../src/store/realtime-store.ts'
import { saveRulesetVersion } from '../../src/store/rulesets.ts'
import { insertVerdicts, VERDICT_COLUMNS, type VerdictRow } from '../../src/store/verdicts.ts'
import { DIALECTS, useFreshStore } from './support/databases.ts'
import { sql } from 'kysely'

for (const dialect of DIALECTS) {
  describe(`${dialect}: real-time store`, () => {
    const fresh = useFreshStore(dialect)
    const db = () => fresh.store.db

    beforeAll(async () => {
      await saveRulesetVersion(db(), { version: 'v-cols', files: [], maxWindowMs: 1000, createdBy: null })
      await createBatch(db(), { id: 'b-cols', format: 'ndjson', mode: 'async', ruleset: 'v-cols', idempotencyKey: null, createdBy: null, ownerKey: 'k-test', tenant: 'default' })
    })

    it('stores a verdict row alike through a batch insert and the real-time append, every column filled', async () => {
      const row = (seq: number): VerdictRow => ({
        batchId: 'b-cols',
        seq,
        line: 7,
        recordId: 'cols-1',
        decision: 'review',
        score: 42.5,
        ruleset: 'v-cols',
        output: { id: 'cols-1', hits: [{ rule: 'r1', evidence: { value: 1.5, transfers: ['a', 'b'] } }], note: 'quote " and \\ slash' },
        rules: ['r1', 'r2'],
        typologies: ['velocity'],
        entities: ['id:A', 'A'],
        occurredAt: '2026-01-01T10:00:00.000Z',
        tenant: 'north',
        keyId: 'k-cols',
      })
      await insertVerdicts(db(), [row(1)])
      await appendEntityEvents(db(), [], [{ ...row(2), outputJson: JSON.stringify(row(2).output) }])
      const stored = await db().selectFrom('verdicts').select(VERDICT_COLUMNS).where('record_id', '=', 'cols-1').orderBy('seq').execute()
      expect(stored).toHaveLength(2)
      expect({ ...stored[1], seq: 1 }).toEqual(stored[0])
      expect(stored[0]).toEqual({
        batch_id: 'b-cols',
        seq: 1,
        line: 7,
        record_id: 'cols-1',
        decision: 'review',
        score: 42.5,
        ruleset: 'v-cols',
        output: row(1).output,
        rules: ['r1', 'r2'],
        typologies: ['velocity'],
        entities: ['id:A', 'A'],
        occurred_at: new Date('2026-01-01T10:00:00.000Z'),
        tenant: 'north',
        key_id: 'k-cols',
      })
    })

    it('stores a transfer once per key and reads it back once, oldest first, in the time range asked', async () => {
      const event = (id: string, at: string, keys: string[]) => ({ keys, eventId: id, occurredAt: at, record: JSON.stringify({ id, at }) })
      await appendEntityEvents(
        db(),
        [event('h-1', '2026-02-01T00:00:00.000Z', ['id:H', 'id:K']), event('h-2', '2026-02-02T00:00:00.000Z', ['id:H']), event('h-3', '2026-02-03T00:00:00.000Z', ['id:K'])],
        [],
      )
      const history = await loadEntityHistory(db(), ['id:H', 'id:K'], Date.parse('2026-02-01T00:00:00.000Z'), Date.parse('2026-02-02T00:00:00.000Z'))
      expect(history).toEqual([
        { id: 'h-1', at: '2026-02-01T00:00:00.000Z' },
        { id: 'h-2', at: '2026-02-02T00:00:00.000Z' },
      ])
    })

    it.runIf(dialect === 'pg')('runs the group-commit append as a statement prepared once per connection', async () => {
      const event = (id: string) => ({ keys: [`id:${id}`], eventId: id, occurredAt: '2026-03-01T00:00:00.000Z', record: JSON.stringify({ id }) })
      const prepared = await db()
        .transaction()
        .execute(async (tx) => {
          await appendEntityEvents(tx, [event('p-1')], [])
          await appendEntityEvents(tx, [event('p-2'), event('p-3')], [])
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where name = 'txscreen_realtime_append'`.execute(tx)
          return rows[0]!.n
        })
      expect(prepared).toBe(1)
      const stored = await db().selectFrom('entity_events').select('event_id').where('event_id', 'in', ['p-1', 'p-2', 'p-3']).orderBy('id').execute()
      expect(stored.map((r) => r.event_id)).toEqual(['p-1', 'p-2', 'p-3'])
    })
  })
}
