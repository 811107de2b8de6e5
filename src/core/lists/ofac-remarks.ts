import type { Indicator } from '../names/types.ts'
import { countryCode } from './countries.ts'

// OFAC puts identifying details in a semicolon-separated Remarks field:
// "DOB 15 Mar 1961; POB Tehran, Iran; nationality Iran; Digital Currency Address - XBT 1Abc...; Email Address x@y".
const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
}

export interface RemarkFacts {
  birthDates: string[]
  /** nationalities and citizenships, as ISO codes */
  nationalities: string[]
  indicators: Omit<Indicator, 'list'>[]
}

export function remarkFacts(remarks: string): RemarkFacts {
  const facts: RemarkFacts = { birthDates: [], nationalities: [], indicators: [] }
  for (const raw of remarks.split(';')) {
    const part = raw.trim().replace(/^alt\.\s+/i, '').replace(/\.$/, '')
    const dob = /^DOB\s+(.*)$/i.exec(part)
    if (dob) {
      for (const d of dob[1]!.split(/\s+to\s+|,\s*/)) {
        const iso = dateToIso(d)
        if (iso) facts.birthDates.push(iso)
      }
      continue
    }
    const nationality = /^(?:nationality|citizen)\s+(.+)$/i.exec(part)
    if (nationality) {
      const code = countryCode(nationality[1]!)
      if (code) facts.nationalities.push(code)
      continue
    }
    const wallet = /^Digital Currency Address - ([A-Z0-9]+)\s+(\S+)$/i.exec(part)
    if (wallet) {
      facts.indicators.push({ type: 'wallet', value: wallet[2]!, source: 'OFAC remarks', note: wallet[1]! })
      continue
    }
    const email = /^Email Address\s+(\S+@\S+)$/i.exec(part)
    if (email) {
      facts.indicators.push({ type: 'email', value: email[1]!, source: 'OFAC remarks' })
      continue
    }
    const phone = /^(?:Phone(?: Number| No)|Telephone|Tel)\.?:?\s+([+\d][\d\s()\-]{5,})$/i.exec(part)
    if (phone) facts.indicators.push({ type: 'phone', value: phone[1]!, source: 'OFAC remarks' })
  }
  return facts
}

/** "15 Mar 1961", "Mar 1961", "1961", "circa 1955" to YYYY-MM-DD, YYYY-MM or YYYY. */
export function dateToIso(text: string): string | undefined {
  const t = text.replace(/^circa\s+/i, '').trim()
  const full = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(t)
  if (full) {
    const month = MONTHS[full[2]!.toLowerCase()]
    return month ? `${full[3]}-${month}-${full[1]!.padStart(2, '0')}` : undefined
  }
  const monthYear = /^([A-Za-z]{3})[a-z]* (\d{4})$/.exec(t)
  if (monthYear) {
    const month = MONTHS[monthYear[1]!.toLowerCase()]
    return month ? `${monthYear[2]}-${month}` : undefined
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(t) || /^\d{4}$/.test(t)) return t
  return undefined
}
