import type { Party } from '../../record/schema.ts'
import { GOAML_COUNTRIES } from './codes.ts'
import type { ReportingEntity } from './entity.ts'
import { clip, el } from './xml.ts'

/** a country code goAML accepts, else its "-" (unknown) */
export function goamlCountry(code: string | undefined): string {
  return code !== undefined && GOAML_COUNTRIES.has(code) ? code : '-'
}

/** an RFC 3339 time or a date as goAML's sql_date: the UTC date and time without an offset */
export function sqlDate(value: string): string {
  const date = /^\d{4}$/.test(value) ? `${value}-01-01` : value
  return new Date(date.length === 10 ? `${date}T00:00:00Z` : date).toISOString().slice(0, 19)
}

/** a person's name as goAML's first and last name: the last word is the last name */
function nameParts(name: string | undefined, unknown: string): { first: string; last: string } {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return { first: unknown, last: unknown }
  if (words.length === 1) return { first: unknown, last: clip(words[0]!, 100) }
  return { first: clip(words.slice(0, -1).join(' '), 100), last: clip(words.at(-1)!, 100) }
}

const isPerson = (p: Party) => p.type === undefined || p.type === 'person' || p.type === 'unknown'
const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/

function phones(number: string): string | undefined {
  // a record's phone is one string: the country prefix is not told apart from the number
  return el('phones', [el('phone', [el('tph_contact_type', '-'), el('tph_communication_type', '-'), el('tph_country_prefix', '-'), el('tph_number', clip(number, 50))])])
}

/** a party at the reporting institution as goAML's t_account_my_client (what the record lacks is `unknown`) */
export function myClientAccount(entity: ReportingEntity, party: Party): (string | undefined)[] {
  const { unknown, institution } = entity
  const name = isPerson(party) ? nameParts(party.name, unknown.text) : { first: unknown.text, last: unknown.text }
  const signatory = el('t_person', [
    el('first_name', name.first),
    el('last_name', name.last),
    el('birthdate', sqlDate(party.dateOfBirth !== undefined && isPerson(party) ? party.dateOfBirth : unknown.date)),
    el('ssn', clip(unknown.text, 25)),
    el('nationality1', goamlCountry(party.nationality ?? party.country)),
    el('residence', goamlCountry(party.country)),
    phones(party.phone ?? unknown.text),
    party.email !== undefined ? el('email', clip(party.email, 255)) : undefined,
    el('occupation', unknown.text),
  ])
  return [
    el('institution_name', institution.name),
    institution.swift !== undefined ? el('swift', institution.swift) : el('institution_code', institution.code!),
    el('branch', entity.rentity_branch),
    el('account', clip(party.account ?? party.id, 255)),
    el('currency_code', entity.currency_code_local),
    el('account_name', clip(party.name ?? party.id, 255)),
    el('client_number', clip(party.id, 30)),
    el('personal_account_type', '-'),
    el('signatory', [el('is_primary', '1'), signatory, el('role', '-')]),
    el('opened', sqlDate(party.accountOpened ?? unknown.date)),
    el('status_code', '-'),
  ]
}

/** a party elsewhere: its account (t_account) when it has one, else the person (t_person) or business (t_entity) */
export function counterparty(prefix: 'from' | 'to', entity: ReportingEntity, party: Party): string {
  const { unknown } = entity
  const person = () => {
    const name = nameParts(party.name, unknown.text)
    return [
      el('first_name', name.first),
      el('last_name', name.last),
      party.dateOfBirth !== undefined ? el('birthdate', sqlDate(party.dateOfBirth)) : undefined,
      party.nationality !== undefined ? el('nationality1', goamlCountry(party.nationality)) : undefined,
      party.country !== undefined ? el('residence', goamlCountry(party.country)) : undefined,
      party.phone !== undefined ? phones(party.phone) : undefined,
      party.email !== undefined ? el('email', clip(party.email, 255)) : undefined,
    ]
  }
  if (party.account !== undefined) {
    const institution = party.institution?.trim().toUpperCase()
    return el(`${prefix}_account`, [
      el('institution_name', clip(party.institution ?? unknown.text, 255)),
      institution !== undefined && BIC.test(institution) ? el('swift', institution) : el('institution_code', clip(party.institution ?? unknown.text, 50)),
      el('account', clip(party.account, 255)),
      party.name !== undefined ? el('account_name', clip(party.name, 255)) : undefined,
      el('client_number', clip(party.id, 30)),
      isPerson(party) && party.name !== undefined ? el('signatory', [el('t_person', person())]) : undefined,
    ])!
  }
  if (!isPerson(party)) {
    return el(`${prefix}_entity`, [
      el('name', clip(party.name ?? party.id, 255)),
      party.phone !== undefined ? phones(party.phone) : undefined,
      party.email !== undefined ? el('email', clip(party.email, 255)) : undefined,
    ])!
  }
  return el(`${prefix}_person`, person())!
}
