import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { ALERT_WRITERS_LOCK, insertVerdicts, type VerdictRow } from '../../src/store/verdicts.ts'
import { DIALECTS } from './support/databases.ts'
import { useSeededService } from './support/service.ts'

const alertRow = (id: string, entity: string): VerdictRow => ({
  batchId: null, seq: null, line: null, recordId: id, decision: 'review', score: 50, ruleset: 'v',
  output: { id, score: 50, decision: 'review', hits: [], ruleset: 'v' }, rules: [], typologies: [], entities: [entity],
  occurredAt: '2026-03-01T00:00:00.000Z', tenant: 'default', keyId: null,
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: the alerts feed`, () => {
    const s = useSeededService(dialect)

    it('answers 400, not 500, to a cursor out of range', async () => {
      for (const cursor of ['99999999999999999999', '1-99999999999999999999', '99999999999999999999-1', 'abc']) {
        const res = await s.svc.request(`/v1/alerts?cursor=${cursor}`, { key: s.keys.analyst })
        expect([cursor, res.status]).toEqual([cursor, 400])
      }
    })

    it('pages with the cursor it hands out', async () => {
      for (let i = 0; i < 5; i++) await insertVerdicts(s.svc.store.db, [alertRow(`page-${dialect}-${i}`, 'FEED-PAGE')])
      const seen: string[] = []
      let cursor = ''
      for (let guard = 0; guard < 10; guard++) {
        const page = await (await s.svc.request(`/v1/alerts?entity=FEED-PAGE&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key: s.keys.analyst })).json()
        seen.push(...page.alerts.map((a: { verdict: { id: string } }) => a.verdict.id))
        if (!page.next) break
        cursor = page.next
      }
      expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `page-${dialect}-${i}`))
    })

    if (dialect === 'pg') {
      it('does not skip an alert committed after a later one', async () => {
        const url = (s.test.target as { url: string }).url
        const slow = new pg.Client({ connectionString: url })
        await slow.connect()
        const seen: string[] = []
        let cursor = ''
        const poll = async () => {
          const page = await (await s.svc.request(`/v1/alerts?entity=FEED-OOO${cursor ? `&cursor=${cursor}` : ''}`, { key: s.keys.analyst })).json()
          const alerts = page.alerts as { id: string; verdict: { id: string } }[]
          seen.push(...alerts.map((a) => a.verdict.id))
          // where the next poll starts: the page's own position, else the last alert's
          cursor = page.next ?? page.poll ?? alerts.at(-1)?.id ?? cursor
        }
        try {
          await slow.query('begin')
          // as every writer of verdicts does
          await slow.query('select pg_advisory_xact_lock_shared($1, hashtext(current_schema()))', [ALERT_WRITERS_LOCK])
          const row = alertRow('ooo-first', 'FEED-OOO')
          await slow.query(
            `insert into verdicts (record_id, decision, score, ruleset, output, rules, typologies, entities, occurred_at) values ($1, 'review', 50, 'v', $2, '{}', '{}', $3, now())`,
            [row.recordId, JSON.stringify(row.output), row.entities],
          )
          // a later row id, committed first
          await insertVerdicts(s.svc.store.db, [alertRow('ooo-second', 'FEED-OOO')])
          await poll()
          await slow.query('commit')
          await poll()
          await poll()
        } finally {
          await slow.end()
        }
        expect(seen.sort()).toEqual(['ooo-first', 'ooo-second'])
      })
    }
  })
}
