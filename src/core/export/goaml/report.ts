import { convertAmount, exchangeRate, type Rates } from '../../money/exchange.ts'
import type { TransferRecord } from '../../record/schema.ts'
import type { Case } from '../../screen/case-schema.ts'
import type { Verdict } from '../../screen/verdict-schema.ts'
import { GOAML_CURRENCIES } from './codes.ts'
import { codeFor, isOwnInstitution, type ReportingEntity } from './entity.ts'
import { counterparty, goamlCountry, myClientAccount, sqlDate } from './parties.ts'
import { clip, el } from './xml.ts'

/** comments_type, goAML's free text, holds at most this many characters */
const COMMENT_MAX = 8000
// sql_decimal's bounds
const MAX_DECIMAL = 7_900_000_000_000_000

export interface GoamlInput {
  case: Case
  /** the case's evidence records by id; an evidence transfer without its record is named in the reason */
  records: ReadonlyMap<string, TransferRecord>
  /** alerting verdicts by transfer id, for the reasons of their hits; the case's rules alone when absent */
  verdicts?: ReadonlyMap<string, Verdict>
  entity: ReportingEntity
  /** the rule set's rates, to write every amount in the local currency */
  money: Rates
  /** when the report is made (RFC 3339) */
  submittedAt: string
}

export class GoamlReportError extends Error {}

/** One suspicious-transaction report (goAML 5.0.1, report_code STR) of a case and its evidence transfers. */
export function goamlReport(input: GoamlInput): string {
  const { case: c, entity } = input
  const found: TransferRecord[] = []
  const missing: string[] = []
  for (const id of c.evidence) {
    const record = input.records.get(id)
    if (record) found.push(record)
    else missing.push(id)
  }
  if (found.length === 0) throw new GoamlReportError(`case ${c.id}: none of its ${c.evidence.length} evidence transfers is in the records`)
  found.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const person = entity.reporting_person
  const loc = entity.location
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el('report', [
    el('rentity_id', entity.rentity_id),
    el('rentity_branch', entity.rentity_branch),
    el('submission_code', entity.submission_code),
    el('report_code', 'STR'),
    el('entity_reference', c.id),
    el('submission_date', sqlDate(input.submittedAt)),
    el('currency_code_local', entity.currency_code_local),
    el('reporting_person', [
      el('first_name', person.first_name),
      el('last_name', person.last_name),
      person.email !== undefined ? el('email', person.email) : undefined,
      person.occupation !== undefined ? el('occupation', person.occupation) : undefined,
    ]),
    el('location', [
      el('address_type', loc.address_type),
      el('address', loc.address),
      el('city', loc.city),
      loc.zip !== undefined ? el('zip', loc.zip) : undefined,
      el('country_code', loc.country_code),
    ]),
    el('reason', clip(reasonText(c, input.verdicts, missing), COMMENT_MAX)),
    ...found.map((r) => transaction(r, input)),
    el('report_indicators', entity.report_indicators.map((code) => el('indicator', code))),
  ])}\n`
}

/** the report's reason: the case in a sentence, its rules and typologies, then each alerting transfer's reasons */
function reasonText(c: Case, verdicts: ReadonlyMap<string, Verdict> | undefined, missing: readonly string[]): string {
  const lines = [
    `txscreen case ${c.id} on ${c.entity}: ${c.alerts} alerting transfer(s) from ${c.firstSeen} to ${c.lastSeen}, ` +
      `total score ${c.score}, highest ${c.maxScore}, decision ${c.decision}.`,
    `Rules: ${c.rules.join(', ')}. Typologies: ${c.typologies.join(', ')}.`,
  ]
  for (const id of verdicts ? c.transfers : []) {
    const v = verdicts!.get(id)
    // the hits of the case's own rules: a transfer's other hits belong to the cases of other entities
    const hits = v?.hits.filter((h) => c.rules.includes(h.rule)) ?? []
    if (hits.length > 0) lines.push(`${id} (score ${v!.score}): ${hits.map((h) => `${h.rule}: ${h.reason}`).join('; ')}`)
  }
  if (missing.length > 0) lines.push(`Evidence transfers whose records were not available: ${missing.join(', ')}.`)
  return lines.join('\n')
}

function transaction(r: TransferRecord, input: GoamlInput): string {
  const { entity, money } = input
  const local = entity.currency_code_local
  const amountLocal = convertAmount(money, r.amount, r.currency, local)
  if (amountLocal === undefined) throw new GoamlReportError(`transfer ${r.id}: the rule set has no rate for ${r.currency === local ? r.currency : `${r.currency} or ${local}`}`)
  if (Math.abs(Number(amountLocal)) > MAX_DECIMAL) throw new GoamlReportError(`transfer ${r.id}: ${amountLocal} ${local} is beyond goAML's largest amount`)
  const fundsCode = codeFor(entity.funds_codes, r.channel)
  const foreign =
    r.currency !== local && GOAML_CURRENCIES.has(r.currency) && Number(r.amount) <= MAX_DECIMAL
      ? el('from_foreign_currency', [
          el('foreign_currency_code', r.currency),
          el('foreign_amount', r.amount),
          el('foreign_exchange_rate', exchangeRate(money, r.currency, local)!.toDecimalPlaces(10).toFixed()),
        ])
      : undefined
  const side = (prefix: 'from' | 'to') => {
    const party = prefix === 'from' ? r.sender : r.receiver
    const mine = isOwnInstitution(entity, party.institution)
    return el(mine ? `t_${prefix}_my_client` : `t_${prefix}`, [
      el(`${prefix}_funds_code`, fundsCode),
      prefix === 'from' ? foreign : undefined,
      mine ? el(`${prefix}_account`, myClientAccount(entity, party)) : counterparty(prefix, entity, party),
      el(`${prefix}_country`, goamlCountry(party.country ?? r.location?.country)),
    ])
  }
  const alerting = input.case.transfers.includes(r.id)
  const verdict = input.verdicts?.get(r.id)
  const description = [
    `${r.amount} ${r.currency}${r.channel ? ` by ${r.channel}` : ''} from ${r.sender.id} to ${r.receiver.id}`,
    alerting ? `alerting${verdict ? ` (score ${verdict.score}): ${verdict.hits.map((h) => h.reason).join('; ')}` : ''}` : 'evidence of the case',
    r.reference !== undefined ? `reference: ${r.reference}` : undefined,
    r.purpose !== undefined ? `purpose: ${r.purpose}` : undefined,
  ].filter((s) => s !== undefined)
  const where = [r.location?.branch, r.location?.city, r.location?.country].filter((s) => s !== undefined).join(', ')
  return el('transaction', [
    el('transactionnumber', clip(r.id, 100)),
    el('transaction_location', clip(where || entity.rentity_branch, 255)),
    el('transaction_description', clip(description.join('. '), COMMENT_MAX)),
    el('date_transaction', sqlDate(r.timestamp)),
    el('transmode_code', codeFor(entity.transmode_codes, r.channel)),
    el('amount_local', amountLocal),
    side('from'),
    side('to'),
  ])!
}
