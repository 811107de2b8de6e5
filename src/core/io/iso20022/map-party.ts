import { at, textAt, type XmlNode } from './xml-tree.ts'

/** A party as the record schema takes it, before validation. */
export type PartyFields = Record<string, string>

/** the element below a party that each record party field comes from, for error paths */
export const PARTY_SOURCES: Readonly<Record<string, string>> = {
  id: 'Id/OrgId/Othr/Id',
  name: 'Nm',
  type: 'Id',
  country: 'PstlAdr/Ctry',
  city: 'PstlAdr/TwnNm',
  phone: 'CtctDtls/PhneNb',
  email: 'CtctDtls/EmailAdr',
  dateOfBirth: 'Id/PrvtId/DtAndPlcOfBirth/BirthDt',
  lei: 'Id/OrgId/LEI',
  bic: 'Id/OrgId/AnyBIC',
}
/** the same for the fields that come from the party's account (`DbtrAcct`) and agent (`DbtrAgt`) */
export const ACCOUNT_SOURCES: Readonly<Record<string, string>> = { account: 'Id', iban: 'Id/IBAN' }
export const AGENT_SOURCES: Readonly<Record<string, string>> = { institution: 'FinInstnId/BICFI' }

/**
 * A `PartyIdentification` (`Dbtr`, `Cdtr`, `UltmtDbtr`, `UltmtCdtr`) with its account and agent, where the message
 * has them, to the record's party fields. The id is the party's own identifier, else its account.
 */
export function mapParty(party: XmlNode | undefined, account: XmlNode | undefined, agent: XmlNode | undefined): PartyFields {
  const out: PartyFields = {}
  const orgId = at(party, 'Id/OrgId')
  const prvtId = at(party, 'Id/PrvtId')
  const ownId = textAt(orgId, 'Othr/Id') ?? textAt(prvtId, 'Othr/Id')
  const iban = textAt(account, 'Id/IBAN')?.replace(/\s+/g, '').toUpperCase()
  const accountId = iban ?? textAt(account, 'Id/Othr/Id')
  set(out, 'id', ownId ?? accountId)
  set(out, 'name', textAt(party, 'Nm'))
  if (prvtId) out.type = 'person'
  else if (orgId) out.type = 'business'
  set(out, 'account', accountId)
  set(out, 'institution', textAt(agent, 'FinInstnId/BICFI') ?? textAt(agent, 'FinInstnId/BIC') ?? textAt(agent, 'FinInstnId/Othr/Id'))
  set(out, 'country', textAt(party, 'PstlAdr/Ctry') ?? (iban && /^[A-Z]{2}/.test(iban) ? iban.slice(0, 2) : undefined))
  set(out, 'city', textAt(party, 'PstlAdr/TwnNm'))
  set(out, 'phone', textAt(party, 'CtctDtls/PhneNb') ?? textAt(party, 'CtctDtls/MobNb'))
  set(out, 'email', textAt(party, 'CtctDtls/EmailAdr'))
  set(out, 'dateOfBirth', textAt(prvtId, 'DtAndPlcOfBirth/BirthDt'))
  set(out, 'bic', textAt(orgId, 'AnyBIC') ?? textAt(orgId, 'BICOrBEI'))
  set(out, 'iban', iban)
  set(out, 'lei', textAt(orgId, 'LEI'))
  return out
}

function set(out: PartyFields, key: string, value: string | undefined): void {
  if (value !== undefined) out[key] = value
}
