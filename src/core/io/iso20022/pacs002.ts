import type { Verdict } from '../../screen/verdict-schema.ts'
import { el, optEl as opt } from './xml-text.ts'
import type { OriginalRefs } from './single-transfer.ts'

export const PACS002_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10'
/** `AddtlInf` holds at most 105 characters; a longer reason runs on in more of them */
const ADDITIONAL_INFO_CHARS = 105
const MAX_ID_CHARS = 35

/** a decision as a transaction status: clear accepted (ACSP), review pending (PDNG), block rejected (RJCT) */
export const TX_STATUS = { clear: 'ACSP', review: 'PDNG', block: 'RJCT' } as const

/**
 * A pacs.002 FI to FI payment status report answering one screened pacs.008 transaction: its status and, unless
 * accepted, one `StsRsnInf` per hit (the rule id as a proprietary reason, its reason text as additional
 * information).
 */
export function pacs002Report(verdict: Verdict, refs: OriginalRefs, createdAt: Date): string {
  const reasons = verdict.decision === 'clear' ? '' : verdict.hits.map((h) => `<StsRsnInf><Rsn>${el('Prtry', h.rule.slice(0, MAX_ID_CHARS))}</Rsn>${chunks(h.reason).map((c) => el('AddtlInf', c)).join('')}</StsRsnInf>`).join('')
  const original = `${opt('OrgnlInstrId', refs.instructionId)}${opt('OrgnlEndToEndId', refs.endToEndId)}${opt('OrgnlTxId', refs.txId)}${opt('OrgnlUETR', refs.uetr)}`
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="${PACS002_NAMESPACE}"><FIToFIPmtStsRpt>` +
    `<GrpHdr>${el('MsgId', `TXS-${verdict.id}`.slice(0, MAX_ID_CHARS))}${el('CreDtTm', createdAt.toISOString())}</GrpHdr>` +
    `<OrgnlGrpInfAndSts>${el('OrgnlMsgId', refs.messageId ?? 'NOTPROVIDED')}${el('OrgnlMsgNmId', refs.messageName)}</OrgnlGrpInfAndSts>` +
    `<TxInfAndSts>${original}${el('TxSts', TX_STATUS[verdict.decision])}${reasons}</TxInfAndSts>` +
    `</FIToFIPmtStsRpt></Document>\n`
  )
}

function chunks(text: string): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i += ADDITIONAL_INFO_CHARS) out.push(text.slice(i, i + ADDITIONAL_INFO_CHARS))
  return out
}

