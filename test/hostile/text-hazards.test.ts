import { describe, expect, it } from 'vitest'
import { DIALECTS } from '../service/support/databases.ts'
import { useSeededService } from '../service/support/service.ts'
import { decode, outcome } from './decode.ts'

/**
 * NUL characters and unpaired surrogates are valid in a JavaScript string and in JSON text, but PostgreSQL's jsonb
 * and text refuse them. A record carrying one is refused at the field; an error line never carries one.
 */

const base = { id: 'T', timestamp: '2026-03-01T10:00:00Z', amount: '5', currency: 'USD', sender: { id: 'S' }, receiver: { id: 'R' } }
const HAZARDS = { nul: '\u0000', lone_high: '\ud800', lone_low: '\udc00', reversed: '\udc00\ud800' }

/** one NDJSON line per hazard and field, the hazard written as a JSON escape as a hostile producer would */
function hazardLines(): { text: string; path: string }[] {
  const out: { text: string; path: string }[] = []
  for (const [name, h] of Object.entries(HAZARDS)) {
    out.push({ text: JSON.stringify({ ...base, id: `id-${name}${h}` }), path: 'id' })
    out.push({ text: JSON.stringify({ ...base, id: `name-${name}`, sender: { id: 'S', name: `A${h}B` } }), path: 'sender.name' })
    out.push({ text: JSON.stringify({ ...base, id: `ref-${name}`, reference: h }), path: 'reference' })
    out.push({ text: JSON.stringify({ ...base, id: `dev-${name}`, device: { id: h } }), path: 'device.id' })
  }
  return out
}

describe('NUL and unpaired surrogates in records', () => {
  it('are refused at the field path; a surrogate pair (an emoji) is fine', async () => {
    const lines = hazardLines()
    const ok = JSON.stringify({ ...base, id: 'emoji', sender: { id: 'S', name: 'Zoë 😀' } })
    const out = await decode('ndjson', [...lines.map((l) => l.text), ok].join('\n'))
    expect(out.map(outcome)).toEqual([...lines.map((l, i) => `${i + 1}:invalid_record:${l.path}`), 'ok:emoji'])
  })

  it('never reach an error line: its id and message are well-formed and NUL-free', async () => {
    const out = await decode('ndjson', [...hazardLines().map((l) => l.text), '{"id":"x\\u0000","amount":', '{"id":"\\ud800","timestamp":"no"}', '\u0000{}'].join('\n'))
    for (const o of out) {
      expect(o.ok).toBe(false)
      const text = JSON.stringify(o.ok ? null : o.error)
      expect(text).not.toMatch(/\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i)
    }
  })

  it('in CSV too', async () => {
    const out = await decode('csv', `id,timestamp,amount,currency,sender.id,receiver.id,sender.name\nT1,2026-03-01T10:00:00Z,5,USD,S,R,a\u0000b\nT2,2026-03-01T10:00:00Z,5,USD,S,R,ok\n`)
    expect(out.map(outcome)).toEqual(['2:invalid_record:sender.name', 'ok:T2'])
  })
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: NUL and unpaired surrogates through the service`, () => {
    const s = useSeededService(dialect)

    it('a batch completes with one error line per hazard, stored and read back', async () => {
      const lines = hazardLines()
      const good = JSON.stringify({ ...base, id: `good-${dialect}` })
      const body = [...lines.map((l) => l.text), '{"id":"broken\\u0000","amount":', good].join('\n') + '\n'
      const res = await s.svc.request('/v1/batches', { method: 'POST', key: s.keys.screen, body, headers: { 'content-type': 'application/x-ndjson' } })
      expect(res.status).toBe(202)
      const { id } = await res.json()
      let batch: any
      for (let i = 0; i < 600; i++) {
        batch = await (await s.svc.request(`/v1/batches/${id}`, { key: s.keys.screen })).json()
        if (batch.status === 'completed' || batch.status === 'failed') break
        await new Promise((r) => setTimeout(r, 20))
      }
      expect(batch.status).toBe('completed')
      expect(batch.counts.errors).toBe(lines.length + 1)
      const outputs = (await (await s.svc.request(`/v1/batches/${id}/verdicts`, { key: s.keys.screen })).text()).trim().split('\n').map((l) => JSON.parse(l))
      expect(outputs.map((o) => (o.error ? (o.error.path ?? o.error.code) : o.decision))).toEqual([...lines.map((l) => l.path), 'invalid_json', 'clear'])
    })

    it('/v1/screen answers 400 at the field, and a clean call after it is screened and stored', async () => {
      for (const h of Object.values(HAZARDS)) {
        const res = await s.svc.post('/v1/screen', s.keys.screen, { ...base, id: `rt-${dialect}`, sender: { id: 'S', name: `x${h}` } })
        expect(res.status).toBe(400)
        expect((await res.json()).issues.map((i: { path: string }) => i.path)).toEqual(['sender.name'])
      }
      const res = await s.svc.post('/v1/screen', s.keys.screen, { ...base, id: `rt-clean-${dialect}` })
      expect(res.status).toBe(200)
    })
  })
}
