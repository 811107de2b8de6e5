import { fileURLToPath } from 'node:url'
import type { WatchlistEntry } from '../../core/names/index.ts'
import { loadList } from '../../lists/load.ts'

/** The vendored subset of OFAC's SDN list (2019): what `txscreen generate` plants when no list is given. */
export const DEFAULT_SANCTIONS_LIST = `ofac-csv:${fileURLToPath(new URL('../../../fixtures/lists/ofac-sdn-2019', import.meta.url))}`

/** A listed person the generator may write into a transfer: the parts of the listed name and what the list knows. */
export interface ListedPerson {
  list: string
  id: string
  /** the name as listed ("RODRIGUEZ OREJUELA, Miguel Angel") */
  listed: string
  /** given names and surnames, in the list's spelling, title-cased */
  given: string[]
  surname: string[]
  /** other names the list gives (a.k.a.), split the same way */
  aliases: { given: string[]; surname: string[] }[]
  birthDate?: string
  nationality?: string
  /** ISO 3166 codes the entry is tied to */
  countries: string[]
}

// honorifics and titles the lists put before a name; a customer's account does not carry them
const TITLES = new Set(['dr', 'sheikh', 'shaykh', 'haji', 'hajji', 'mullah', 'maulana', 'mawlawi', 'general', 'colonel', 'professor', 'mr', 'mrs'])
// a name a customer could carry: Latin letters, spaces, hyphens and apostrophes only
const LATIN_NAME = /^[A-Za-z' .,-]+$/

/**
 * "SURNAME PARTS, Given Parts" (OFAC) or a name in reading order, last word the surname (UN's FIRST SECOND THIRD).
 * Undefined for a name with fewer than two words or letters outside Latin.
 */
export function splitListedName(name: string): { given: string[]; surname: string[] } | undefined {
  if (!LATIN_NAME.test(name)) return undefined
  const words = (text: string) => text.split(/\s+/).map((w) => w.replace(/\.$/, '')).filter((w) => w !== '' && !TITLES.has(w.toLowerCase())).map(titleCase)
  const comma = name.indexOf(',')
  const parts = comma >= 0 ? { surname: words(name.slice(0, comma)), given: words(name.slice(comma + 1)) } : (() => {
    const all = words(name)
    return { given: all.slice(0, -1), surname: all.slice(-1) }
  })()
  if (parts.surname.length === 0 || parts.given.length === 0) return undefined
  return parts
}

function titleCase(word: string): string {
  return word
    .toLowerCase()
    .replace(/(^|[-'])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase())
    .replace(/^(Al|El)-(?=[A-Z])/, (m) => m.toLowerCase())
}

/** The individuals of a list whose name has a given name and a surname in Latin letters, in list order. */
export function listedPeople(entries: readonly WatchlistEntry[]): ListedPerson[] {
  const out: ListedPerson[] = []
  for (const e of entries) {
    if (e.type !== 'person') continue
    const parts = splitListedName(e.name)
    if (!parts) continue
    const birth = e.birthDates?.find((d) => /^\d{4}(-\d{2}-\d{2})?$/.test(d)) ?? e.birthDates?.[0]?.slice(0, 4)
    const nationality = e.nationalities?.find((c) => /^[A-Z]{2}$/.test(c))
    out.push({
      list: e.list,
      id: e.id,
      listed: e.name,
      ...parts,
      aliases: e.aliases.map(splitListedName).filter((a) => a !== undefined),
      birthDate: birth,
      nationality,
      countries: (e.countries ?? []).filter((c) => /^[A-Z]{2}$/.test(c)),
    })
  }
  return out
}

/** The listed people of `FORMAT:PATH` lists (the formats of `--list`), in the order given. */
export async function loadListedPeople(specs: readonly string[]): Promise<ListedPerson[]> {
  const out: ListedPerson[] = []
  for (const spec of specs) out.push(...listedPeople((await loadList(spec)).entries))
  if (out.length === 0) throw new Error(`no listed person with a Latin given name and surname in ${specs.join(', ')}`)
  return out
}
