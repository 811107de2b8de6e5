import { nameKeys } from './blocking-keys.ts'
import { normaliseIdentifier } from './identifiers.ts'
import { NameTable } from './name-table.ts'
import { normaliseName, type NameKind, type NameToken, type NormalName } from './normalize-name.ts'
import { PostingTable } from './posting-table.ts'
import { SimilarityMemo } from './similarity-memo.ts'
import { TokenWeights } from './token-weights.ts'
import type { NameSearchOptions, WatchlistEntry } from './types.ts'

/** One name of a list entry (its main name or an alias), normalised and weighed. */
export interface IndexedName {
  entry: number
  raw: string
  norm: NormalName
  /** sum of its token weights */
  weight: number
}

/**
 * The lists' names as a search reads them, built once: every distinct name of every entry with its token weights,
 * the blocking keys' postings, the entries by identifier, the flat name table and the token similarity memo.
 */
export class IndexedNames {
  readonly names: IndexedName[] = []
  readonly weights = new TokenWeights()
  readonly postings: PostingTable
  readonly byIdentifier = new Map<string, number[]>()
  /** each entry's names, by name id */
  readonly namesOf: number[][]
  /** each name's entry and its entry's type code (typeCode), flat */
  readonly entryOf: Int32Array
  readonly entryTypes: Uint8Array
  readonly table: NameTable
  readonly memo: SimilarityMemo

  constructor(readonly entries: WatchlistEntry[]) {
    const interned = new Map<string, NameToken>()
    // every entry's names first: a word's weight depends on how many entries use it
    entries.forEach((entry, e) => {
      const kind = entryKind(entry)
      const seen = new Set<string>()
      const first = this.names.length
      for (const raw of [entry.name, ...entry.aliases]) {
        const norm = intern(normaliseName(raw, kind, true), interned)
        if (norm.tokens.length === 0 || seen.has(norm.text)) continue
        seen.add(norm.text)
        this.names.push({ entry: e, raw, norm, weight: 0 })
      }
      this.weights.addEntry(this.names.slice(first).map((n) => n.norm))
    })
    const postings = new Map<string, number[]>()
    this.names.forEach((n, id) => {
      this.weights.weigh(n.norm)
      n.weight = n.norm.tokens.reduce((w, t) => w + t.weight, 0)
      const keys = new Set<string>()
      for (const group of nameKeys(n.norm)) for (const k of group.keys) keys.add(k)
      for (const k of keys) {
        const list = postings.get(k)
        if (list) list.push(id)
        else postings.set(k, [id])
      }
    })
    this.postings = new PostingTable(postings)
    this.namesOf = entries.map(() => [])
    this.names.forEach((n, id) => this.namesOf[n.entry]!.push(id))
    this.entryOf = Int32Array.from(this.names, (n) => n.entry)
    this.entryTypes = Uint8Array.from(this.names, (n) => typeCode(entries[n.entry]!))
    entries.forEach((entry, e) => {
      for (const raw of entry.identifiers ?? []) {
        const k = normaliseIdentifier(raw)
        if (k === '') continue
        const list = this.byIdentifier.get(k)
        if (list) list.push(e)
        else this.byIdentifier.set(k, [e])
      }
    })
    this.table = new NameTable(this.names.map((n) => n.norm))
    this.memo = new SimilarityMemo([...interned.values()])
  }

  /** Whether name `id`'s entry is of a type the search asks for. */
  typeAllowed(id: number, type: NameSearchOptions['type']): boolean {
    const code = this.entryTypes[id]!
    if (!type || code === EITHER) return true
    return type === 'person' ? code === PERSON : code !== PERSON
  }
}

function entryKind(entry: WatchlistEntry): NameKind {
  if (entry.type === 'person') return 'person'
  if (entry.type === 'unknown') return undefined
  return 'org'
}

// an entry's type as the type filter reads it
const PERSON = 0
const NOT_PERSON = 1
const EITHER = 2

function typeCode(entry: WatchlistEntry): number {
  return entry.type === 'unknown' ? EITHER : entry.type === 'person' ? PERSON : NOT_PERSON
}

/** One shared token object per distinct token, numbered, so comparisons can be memoised by number. */
function intern(name: NormalName, interned: Map<string, NameToken>): NormalName {
  const tokens = name.tokens.map((t) => {
    if (t.syllable) return t // joined with its neighbours by piece: keep it apart
    const key = `${t.kind}|${t.approx ?? ''}|${t.patronymic ? 'p' : ''}|${t.text}`
    let shared = interned.get(key)
    if (!shared) {
      t.id = interned.size
      interned.set(key, (shared = t))
    }
    return shared
  })
  return { ...name, tokens }
}
