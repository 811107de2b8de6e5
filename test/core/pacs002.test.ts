import { describe, expect, it } from 'vitest'
import { pacs002Report, readSinglePacs008, type Verdict } from '../../src/core/index.ts'

const hit = (rule: string, reason: string) => ({
  rule, version: 1, typology: 't', score: 50, modifier: false, reason, evidence: { measure: 'n', value: 1, transfers: [] },
})
const refs = { messageId: 'M&1', messageName: 'pacs.008.001.08', instructionId: undefined, endToEndId: 'E1', txId: 'T1', uetr: undefined }
const at = new Date('2026-03-01T10:00:00Z')

describe('pacs.002 status report', () => {
  it('accepts a clear verdict without reasons, quoting the original ids', () => {
    const xml = pacs002Report({ id: 'T1', score: 0, decision: 'clear', hits: [], ruleset: 'r' } as Verdict, refs, at)
    expect(xml).toContain('<OrgnlGrpInfAndSts><OrgnlMsgId>M&amp;1</OrgnlMsgId><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInfAndSts>')
    expect(xml).toContain('<TxInfAndSts><OrgnlEndToEndId>E1</OrgnlEndToEndId><OrgnlTxId>T1</OrgnlTxId><TxSts>ACSP</TxSts></TxInfAndSts>')
    expect(xml).toContain('<CreDtTm>2026-03-01T10:00:00.000Z</CreDtTm>')
  })

  it('rejects a blocked one with a reason per hit, long reasons in pieces of 105 characters, escaped', () => {
    const long = `a<b & ${'x'.repeat(200)}`
    const xml = pacs002Report({ id: 'T1', score: 90, decision: 'block', hits: [hit('r1', long), hit('r2', 'short')], ruleset: 'r' } as Verdict, refs, at)
    expect(xml).toContain('<TxSts>RJCT</TxSts>')
    const infos = [...xml.matchAll(/<AddtlInf>(.*?)<\/AddtlInf>/g)].map((m) => m[1]!.replaceAll('&lt;', '<').replaceAll('&amp;', '&'))
    expect(infos).toEqual([long.slice(0, 105), long.slice(105, 210), 'short'])
    expect(xml.match(/<StsRsnInf><Rsn><Prtry>(r1|r2)<\/Prtry><\/Rsn>/g)).toHaveLength(2)
  })

  it('marks a review as pending', () => {
    const xml = pacs002Report({ id: 'T1', score: 50, decision: 'review', hits: [hit('r1', 'why')], ruleset: 'r' } as Verdict, refs, at)
    expect(xml).toContain('<TxSts>PDNG</TxSts><StsRsnInf>')
  })

  it('reads the ids a report quotes from a one-transaction pacs.008', () => {
    const one = readSinglePacs008(
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.10"><FIToFICstmrCdtTrf><GrpHdr><MsgId>M9</MsgId><CreDtTm>2026-03-01T10:00:00Z</CreDtTm></GrpHdr>' +
        '<CdtTrfTxInf><PmtId><InstrId>I9</InstrId><EndToEndId>E9</EndToEndId><UETR>u-9</UETR></PmtId><IntrBkSttlmAmt Ccy="EUR">5</IntrBkSttlmAmt>' +
        '<Dbtr><Nm>A</Nm></Dbtr><DbtrAcct><Id><Othr><Id>1</Id></Othr></Id></DbtrAcct><Cdtr><Nm>B</Nm></Cdtr><CdtrAcct><Id><Othr><Id>2</Id></Othr></Id></CdtrAcct></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>',
    )
    expect(one).toMatchObject({ ok: true, record: { id: 'E9' }, refs: { messageId: 'M9', messageName: 'pacs.008.001.10', instructionId: 'I9', endToEndId: 'E9', uetr: 'u-9' } })
  })
})
