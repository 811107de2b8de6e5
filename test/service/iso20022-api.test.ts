import { describe, expect, it } from 'vitest'
import { TransferRecordSchema } from '../../src/core/index.ts'
import { isoDocument, type IsoMessage } from '../../src/gen/iso20022.ts'
import { DIALECTS } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { useSeededService, type TestService } from './support/service.ts'

/** the records as one message; their parties typed as people, so their ids have an element to go in */
async function message(kind: IsoMessage, records: ReturnType<typeof transfer>[]): Promise<string> {
  const typed = records.map((r) => TransferRecordSchema.parse({ ...r, sender: { ...r.sender, type: 'person' }, receiver: { ...r.receiver, type: 'person' } }))
  let text = ''
  for await (const piece of isoDocument(kind, typed, { messageId: 'MSG-API-1' })) text += piece
  return text
}

async function waitForBatch(svc: TestService, key: string, id: string) {
  for (let i = 0; i < 600; i++) {
    const b = await (await svc.request(`/v1/batches/${id}`, { key })).json()
    if (['completed', 'failed'].includes(b.status)) return b
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`batch ${id} did not finish`)
}

const lines = async (res: Response) => (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l))

for (const dialect of DIALECTS) {
  describe(`${dialect}: ISO 20022 over HTTP`, () => {
    const s = useSeededService(dialect)
    const screenXml = async (body: string, accept?: string) =>
      s.svc.request('/v1/screen', { method: 'POST', key: s.keys.screen, body, headers: { 'content-type': 'application/xml', ...(accept && { accept }) } })

    it('screens a one-transaction pacs.008 and answers JSON, or pacs.002 ACSP, PDNG and RJCT with the reasons', async () => {
      const calls = [0, 1, 2, 3].map((m) => transfer(m, 'ISO-S1', `ISO-R${m}`, { id: `iso-${process.pid}-${m}`, currency: 'EUR' }))
      const json = await screenXml(await message('pacs008', [calls[0]!]))
      expect(json.status).toBe(200)
      expect(json.headers.get('content-type')).toMatch(/application\/json/)
      expect(await json.json()).toMatchObject({ id: calls[0]!.id, decision: 'clear' })

      const answers: string[] = []
      for (const call of calls.slice(1)) {
        const res = await screenXml(await message('pacs008', [call]), 'application/xml')
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toMatch(/application\/xml/)
        answers.push(await res.text())
      }
      // the second and third within a day are reviewed (pending), the fourth blocked (rejected, with the rule's reason)
      expect(answers.map((a) => /<TxSts>(\w+)<\/TxSts>/.exec(a)?.[1])).toEqual(['PDNG', 'PDNG', 'RJCT'])
      expect(answers[2]).toContain('<OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId>')
      expect(answers[2]).toContain(`<OrgnlTxId>${calls[3]!.id}</OrgnlTxId>`)
      expect(answers[2]).toMatch(/<StsRsnInf><Rsn><Prtry>repeat-sender<\/Prtry><\/Rsn><AddtlInf>4 transfers from ISO-S1 in 24h<\/AddtlInf><\/StsRsnInf>/)

      const retried = await screenXml(await message('pacs008', [calls[0]!]), 'application/xml')
      expect(await retried.text()).toMatch(/<TxSts>ACSP<\/TxSts>/)
    })

    it('refuses a pacs.008 call of two transactions, or a bad element, with a 400 naming the element', async () => {
      const two = await screenXml(await message('pacs008', [transfer(0, 'A', 'B'), transfer(1, 'A', 'B')]))
      expect(two.status).toBe(400)
      expect(await two.json()).toMatchObject({ detail: expect.stringContaining('expected one CdtTrfTxInf, found 2') })
      const bad = await screenXml((await message('pacs008', [transfer(0, 'A', 'B')])).replace(/Ccy="USD">100.00</, 'Ccy="USD">lots<'))
      expect(bad.status).toBe(400)
      expect(await bad.json()).toMatchObject({ path: '/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt' })
    })

    it('takes a pain.001 batch as application/xml: one output per transaction, a bad one naming its place', async () => {
      const records = Array.from({ length: 30 }, (_, i) => transfer(i, `PAIN-S${i % 3}`, `PAIN-R${i}`, { id: `pain-${process.pid}-${i}` }))
      const xml = (await message('pain001', records)).replace('<InstdAmt Ccy="USD">100.00</InstdAmt>', '<InstdAmt Ccy="USD">0</InstdAmt>')
      const res = await s.svc.request('/v1/batches', { method: 'POST', key: s.keys.screen, body: xml, headers: { 'content-type': 'application/xml' } })
      expect(res.status).toBe(202)
      const accepted = await res.json()
      expect(accepted.format).toBe('pain001')
      const done = await waitForBatch(s.svc, s.keys.screen, accepted.id)
      expect(done.counts).toMatchObject({ records: 30, errors: 1 })
      const out = await lines(await s.svc.request(`/v1/batches/${accepted.id}/verdicts`, { key: s.keys.screen }))
      expect(out).toHaveLength(30)
      expect(out[0]).toMatchObject({ transaction: 1, error: { code: 'invalid_record', path: '/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Amt/InstdAmt' } })
      expect(out.slice(1).map((o) => o.id)).toEqual(records.slice(1).map((r) => r.id))
      expect(out.some((o) => o.decision === 'review')).toBe(true)
    })

    it('streams a pacs.008 batch back as it screens', async () => {
      const records = Array.from({ length: 10 }, (_, i) => transfer(i, 'PACS-S', `PACS-R${i}`, { id: `pacs-${process.pid}-${i}` }))
      const res = await s.svc.request('/v1/batches?stream=true', { method: 'POST', key: s.keys.screen, body: await message('pacs008', records), headers: { 'content-type': 'text/xml' } })
      expect(res.status).toBe(200)
      const out = await lines(res)
      expect(out.map((o) => o.id)).toEqual(records.map((r) => r.id))
    })
  })
}
