import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileLists } from '../../src/adapters/node/file-lists.ts'
import { createApp } from '../../src/http/app.ts'
import { InProcessTasks } from '../../src/service/background.ts'
import { DEFAULT_CONFIG } from '../../src/service/deps.ts'
import { RulesetService } from '../../src/service/rulesets.ts'
import { createApiKey } from '../../src/store/api-keys.ts'
import { openDatabase, type OpenDatabase } from '../../src/adapters/node/open-database.ts'
import { DIALECTS, freshDatabase, type TestDatabase } from './support/databases.ts'

const RULES = [
  {
    path: 'lists-rules/ruleset.yaml',
    text: `kind: ruleset
name: lists-test
version: 1
base_currency: USD
rates: {}
thresholds: { review: 40, block: 80 }
rules:
  sanctions: {}
  indicator: {}
`,
  },
  {
    path: 'lists-rules/sanctions.yaml',
    text: `kind: rule
id: sanctions
version: 1
title: sanctions name
typology: sanctions
source: test
entity: party.id
measures:
  match: { name_match: {} }
score: { measure: match, bands: [{ from: 0.9, score: 90 }] }
reason: "{party.name} matches {matched} on {list}"
`,
  },
  {
    path: 'lists-rules/indicator.yaml',
    text: `kind: rule
id: indicator
version: 1
title: indicator
typology: ad_contact_match
source: test
entity: party.id
measures:
  hits: { indicator: {} }
score: { measure: hits, bands: [{ from: 1, score: 85 }] }
reason: "{matched} is on {list}"
`,
  },
]

let seq = 0
const transfer = (receiver: Record<string, string>) => ({
  id: `L${++seq}`,
  timestamp: new Date(Date.parse('2026-03-01T10:00:00Z') + seq * 60_000).toISOString(),
  amount: '100',
  currency: 'USD',
  sender: { id: 'S1', name: 'Jane Roe' },
  receiver: { id: `R${seq}`, ...receiver },
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: watchlists in the service`, () => {
    let test: TestDatabase
    let store: OpenDatabase
    let app: ReturnType<typeof createApp>
    let screenKey: string
    let adminKey: string
    const dir = mkdtempSync(join(tmpdir(), 'txscreen-lists-'))
    const names = join(dir, 'names.csv')
    const phones = join(dir, 'indicators.csv')

    beforeAll(async () => {
      writeFileSync(names, 'id,name,type,country,aliases\nWL-1,Rami Makhlouf,person,SY,Rami Makhluf\n')
      writeFileSync(phones, 'type,value,source,note\nphone,+964 770 123 4567,advert,test\n')
      test = await freshDatabase(dialect)
      store = await openDatabase(test.target)
      const lists = fileLists([`csv:${names}`, `indicators-csv:${phones}`])
      await lists.reload()
      const rulesets = new RulesetService()
      app = createApp({ db: store.db, rulesets, lists, config: { ...DEFAULT_CONFIG, screenTimeoutMs: 15_000 }, background: new InProcessTasks() })
      screenKey = (await createApiKey(store.db, { role: 'screen', name: 's' })).key
      adminKey = (await createApiKey(store.db, { role: 'admin', name: 'a' })).key
      const published = await rulesets.publish(store.db, RULES, { actor: 'test', activate: true })
      if (!published.ok) throw new Error(JSON.stringify(published.issues))
    })
    afterAll(async () => {
      await store?.close()
      await test?.drop()
    })

    const screen = async (receiver: Record<string, string>) => {
      const res = await app.request('/v1/screen', {
        method: 'POST',
        headers: { authorization: `Bearer ${screenKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(transfer(receiver)),
      })
      expect(res.status).toBe(200)
      return (await res.json()) as { decision: string; hits: { rule: string; evidence: { matches?: { list: string; entry: string }[] } }[] }
    }

    it('screens names and indicators against the lists loaded at start, with the entry as evidence', async () => {
      const named = await screen({ name: 'MAKHLOUF, Rami' })
      expect(named.decision).toBe('block')
      expect(named.hits[0]!.evidence.matches![0]).toMatchObject({ list: 'names', entry: 'WL-1' })
      const phoned = await screen({ name: 'Someone Else', phone: '00964 770 1234567' })
      expect(phoned.hits.map((h) => h.rule)).toEqual(['indicator'])
      expect((await screen({ name: 'Someone Else' })).decision).toBe('clear')
    })

    it('reloads changed lists without a restart, and keeps the old ones when a reload fails', async () => {
      writeFileSync(names, 'id,name,type,country,aliases\nWL-1,Rami Makhlouf,person,SY,\nWL-2,Viktor Bout,person,RU,\n')
      const reload = () => app.request('/v1/lists/reload', { method: 'POST', headers: { authorization: `Bearer ${adminKey}` } })
      const res = await reload()
      expect(res.status).toBe(200)
      expect((await res.json()).sources).toEqual([
        { spec: `csv:${names}`, entries: 2, indicators: 0 },
        { spec: `indicators-csv:${phones}`, entries: 0, indicators: 1 },
      ])
      expect((await screen({ name: 'Viktor BOUT' })).decision).toBe('block')

      writeFileSync(phones, 'type,value,source,note\nfax,123,x,y\n')
      const failed = await reload()
      expect(failed.status).toBe(422)
      expect(failed.headers.get('content-type')).toBe('application/problem+json')
      expect((await screen({ name: 'x', phone: '+964 770 123 4567' })).hits.map((h) => h.rule)).toEqual(['indicator'])

      const forbidden = await app.request('/v1/lists/reload', { method: 'POST', headers: { authorization: `Bearer ${screenKey}` } })
      expect(forbidden.status).toBe(403)
    })
  })
}
