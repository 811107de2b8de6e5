import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { csvRecords } from '../core/lists/csv-records.ts'
import { DEFAULT_NAME_THRESHOLD, type NameIndex } from '../core/names/index.ts'
import type { Party } from '../core/record/schema.ts'

/** the score from which the default pack's sanctions-name rule reviews (rules/default/sanctions-name.yaml: the name, moved by the details) */
export const PACK_REVIEW_SCORE = 0.92

export interface KindTally {
  listed: number
  /** the right entry returned at the default threshold */
  found: number
  /** ... at PACK_REVIEW_SCORE or more */
  review: number
}

export interface ListedRecall {
  byKind: Map<string, KindTally>
  total: KindTally
  /** parties of the name_near_miss family, and how many of them any entry is returned for at the default threshold */
  nearMiss: { parties: number; returned: number; review: number }
  /** listed people below PACK_REVIEW_SCORE, and near misses returned, one line each */
  misses: string[]
  nearHits: string[]
}

/**
 * Name screening on a generated folder, party by party, as the name_match measure searches (type, date of birth,
 * nationality, country): for each listed person planted (listed.csv) whether the right entry is returned, by kind
 * of variant; for each near-miss customer (labels.csv family name_near_miss) whether any entry is.
 */
export function listedRecall(dir: string, names: NameIndex): ListedRecall {
  const records = readFileSync(join(dir, 'records.ndjson'), 'utf8').trim().split('\n')
  const labels = readFileSync(join(dir, 'labels.csv'), 'utf8').trim().split('\n').slice(1)
  const parties = new Map<string, Party>()
  const nearMissIds = new Set<string>()
  records.forEach((line, i) => {
    const r = JSON.parse(line) as { sender: Party; receiver: Party }
    for (const p of [r.sender, r.receiver]) parties.set(p.id, p)
    if (labels[i]!.endsWith(',name_near_miss')) for (const p of [r.sender, r.receiver]) if (p.name) nearMissIds.add(p.id)
  })
  const search = (p: Party, minScore?: number) =>
    names.search(p.name ?? '', {
      limit: 5,
      ...(minScore !== undefined && { minScore }),
      type: p.type === 'person' ? 'person' : 'org',
      ...(p.dateOfBirth && { dateOfBirth: p.dateOfBirth }),
      ...(p.nationality && { nationality: p.nationality }),
      ...(p.country && { country: p.country }),
    })

  const byKind = new Map<string, KindTally>()
  const total: KindTally = { listed: 0, found: 0, review: 0 }
  const misses: string[] = []
  const listedIds = new Set<string>()
  for (const [, partyId = '', written = '', variant = '', list = '', entryId = '', listed = ''] of csvRecords(readFileSync(join(dir, 'listed.csv'), 'utf8')).slice(1)) {
    listedIds.add(partyId)
    const party = parties.get(partyId)
    if (!party) continue
    const right = search(party, 0.3).find((h) => h.entry.list === list && h.entry.id === entryId)
    const k = byKind.get(variant) ?? { listed: 0, found: 0, review: 0 }
    byKind.set(variant, k)
    for (const t of [k, total]) {
      t.listed++
      if (right && right.score >= DEFAULT_NAME_THRESHOLD) t.found++
      if (right && right.score >= PACK_REVIEW_SCORE) t.review++
    }
    if (!right || right.score < PACK_REVIEW_SCORE) {
      misses.push(`${variant} ${(right?.score ?? 0).toFixed(3)} ${written} [dob ${party.dateOfBirth ?? '-'} nat ${party.nationality ?? '-'}] / ${listed}${right?.rule ? ` (${right.rule})` : ''}`)
    }
  }

  const nearMiss = { parties: 0, returned: 0, review: 0 }
  const nearHits: string[] = []
  for (const id of nearMissIds) {
    if (listedIds.has(id)) continue
    const p = parties.get(id)!
    nearMiss.parties++
    const best = search(p)[0]
    if (!best) continue
    nearMiss.returned++
    if (best.score >= PACK_REVIEW_SCORE) nearMiss.review++
    nearHits.push(`${best.score.toFixed(3)} ${p.name} / ${best.matchedName}`)
  }
  return { byKind: new Map([...byKind].sort(([a], [b]) => a.localeCompare(b))), total, nearMiss, misses, nearHits }
}
