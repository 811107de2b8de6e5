import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { listAudit, verifyAuditChain } from '../../src/store/audit.ts'
import { DIALECTS } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { useSeededService } from './support/service.ts'

const run = promisify(execFile)

for (const dialect of DIALECTS) {
  describe(`${dialect}: the audit log`, () => {
    const s = useSeededService(dialect)
    const db = () => s.svc.store.db
    const actions = async () => (await listAudit(db(), 1000)).map((e) => `${e.action} ${e.target}`)
    // failed authentication is written beside the request, not before its answer
    const eventually = async (check: () => Promise<void>) => {
      for (let i = 0; ; i++) {
        try {
          return await check()
        } catch (err) {
          if (i > 100) throw err
          await new Promise((r) => setTimeout(r, 20))
        }
      }
    }

    it('records batch uploads and reads of verdicts, cases and alerts, by key', async () => {
      const res = await s.svc.request('/v1/batches', { method: 'POST', key: s.keys.screen, body: JSON.stringify(transfer(0, 'AUD-S', 'AUD-R')) + '\n', headers: { 'content-type': 'application/x-ndjson' } })
      const { id } = await res.json()
      expect((await s.svc.request(`/v1/batches/${id}/verdicts`, { key: s.keys.screen })).status).toBe(200)
      expect((await s.svc.request(`/v1/batches/${id}/cases`, { key: s.keys.analyst })).status).toBe(200)
      expect((await s.svc.request(`/v1/alerts?rule=repeat-sender`, { key: s.keys.analyst })).status).toBe(200)
      const log = await actions()
      expect(log).toEqual(expect.arrayContaining([`batch.create ${id}`, `batch.verdicts.read ${id}`, `batch.cases.read ${id}`, 'alerts.read /v1/alerts']))
      const create = (await listAudit(db(), 1000)).find((e) => e.action === 'batch.create')!
      expect(create.actor).toMatch(/^key:\w+ \(teller\)$/)
    })

    it('records failed authentication without the secret', async () => {
      expect((await s.svc.request('/v1/alerts', { key: 'txs_abc123_notakey' })).status).toBe(401)
      expect((await s.svc.request('/v1/alerts', { key: s.keys.screen })).status).toBe(403)
      await eventually(async () => {
        const entries = await listAudit(db(), 1000)
        const failed = entries.find((e) => e.action === 'auth.failed')
        expect(failed).toMatchObject({ target: '/v1/alerts', details: { presented: 'txs_abc123' } })
        expect(JSON.stringify(entries)).not.toContain('notakey')
        expect(entries.find((e) => e.action === 'auth.forbidden')?.actor).toMatch(/teller/)
      })
    })

    it('records the key that asked on real-time verdict rows', async () => {
      for (let i = 0; i < 2; i++) expect((await s.svc.post('/v1/screen', s.keys.screen, { ...transfer(i, 'AUD-RT', 'X'), id: `aud-rt-${i}` })).status).toBe(200)
      const row = await db().selectFrom('verdicts').select('key_id').where('record_id', '=', 'aud-rt-1').executeTakeFirstOrThrow()
      const teller = (await db().selectFrom('api_keys').select('id').where('name', '=', 'teller').executeTakeFirstOrThrow()).id
      expect(row.key_id).toBe(teller)
    })

    it('refuses updates and deletes of audit entries', async () => {
      await expect(sql`update audit_log set actor = 'someone else'`.execute(db())).rejects.toThrow(/append-only/)
      await expect(sql`delete from audit_log`.execute(db())).rejects.toThrow(/append-only/)
      await expect(sql`truncate audit_log`.execute(db())).rejects.toThrow(/append-only/)
    })

    it('chains every entry to the one before by hash, and finds an entry changed behind its back', async () => {
      const ok = await verifyAuditChain(db())
      expect(ok).toMatchObject({ ok: true })
      expect(ok.entries).toBeGreaterThan(3)
      // someone with the rights to switch the guard off edits an entry
      await sql`alter table audit_log disable trigger user`.execute(db())
      const victim = (await listAudit(db(), 1000)).at(-2)!
      await sql`update audit_log set actor = 'nobody' where id = ${victim.id}`.execute(db())
      await sql`alter table audit_log enable trigger user`.execute(db())
      const broken = await verifyAuditChain(db())
      expect(broken).toMatchObject({ ok: false, at: victim.id })
    })

    if (dialect === 'pg') {
      it('is checked by `txscreen audit verify`', async () => {
        const url = (s.test.target as { url: string }).url
        const failed = await run('npx', ['tsx', 'src/cli/main.ts', 'audit', 'verify'], { env: { ...process.env, DATABASE_URL: url } }).catch((e: { code: number; stdout: string }) => e)
        expect((failed as { code: number }).code).toBe(1)
        expect((failed as { stdout: string }).stdout).toMatch(/audit entry \d+ does not match its hash/)
      }, 180_000) // a child process through tsx: slow to start on a loaded machine
    }
  })
}
