// Name screening on a generated folder, party by party: for each listed person planted (DIR/listed.csv, the
// sanctioned_name typology) whether the lists return the right entry at the default threshold and at the pack's
// review band, by kind of variant; and for each near-miss customer (labels.csv family name_near_miss) whether any
// entry is returned. Parties are searched as the name_match measure searches them (type, date of birth,
// nationality, country). `txscreen eval` gives the pack's instance recall and false alerts per family; this says
// which names the matcher itself misses.
//   npx tsx scripts/listed-recall.ts DIR --list ofac-csv:PATH [--list un-xml:PATH ...] [--show-misses]
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_NAME_THRESHOLD } from '../src/core/names/index.ts'
import type { Party } from '../src/core/record/schema.ts'
import { csvRecords } from '../src/core/lists/csv-records.ts'
import { loadLists } from '../src/lists/load.ts'

const REVIEW_BAND = 0.95

const { values, positionals } = parseArgs({ allowPositionals: true, options: { list: { type: 'string', multiple: true }, 'show-misses': { type: 'boolean', default: false } } })
const dir = positionals[0]
if (!dir || !values.list) throw new Error('usage: scripts/listed-recall.ts DIR --list FORMAT:PATH ...')
const { names } = await loadLists(values.list)

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

const byKind = new Map<string, { n: number; found: number; review: number }>()
const misses: string[] = []
const listedIds = new Set<string>()
for (const row of csvRecords(readFileSync(join(dir, 'listed.csv'), 'utf8')).slice(1)) {
  const [, partyId = '', written = '', variant = '', list = '', entryId = '', listed = ''] = row
  listedIds.add(partyId)
  const party = parties.get(partyId)!
  const hits = search(party, 0.3)
  const right = hits.find((h) => h.entry.list === list && h.entry.id === entryId)
  const k = byKind.get(variant) ?? { n: 0, found: 0, review: 0 }
  k.n++
  if (right && right.score >= DEFAULT_NAME_THRESHOLD) k.found++
  if (right && right.score >= REVIEW_BAND) k.review++
  byKind.set(variant, k)
  if (!right || right.score < REVIEW_BAND) {
    misses.push(`${variant.padEnd(15)} ${(right?.score ?? 0).toFixed(3)} ${written} [dob ${party.dateOfBirth ?? '-'} nat ${party.nationality ?? '-'}] / ${listed}${right ? ` (${right.rule ?? ''})` : ''}`)
  }
}
const total = [...byKind.values()].reduce((s, k) => ({ n: s.n + k.n, found: s.found + k.found, review: s.review + k.review }), { n: 0, found: 0, review: 0 })
console.log(`variant          listed  right entry >= ${DEFAULT_NAME_THRESHOLD}  >= ${REVIEW_BAND} (pack review)`)
for (const [kind, k] of [...byKind].sort()) console.log(`${kind.padEnd(16)} ${String(k.n).padStart(6)}  ${String(k.found).padStart(5)} ${(k.found / k.n).toFixed(3)}  ${String(k.review).padStart(5)} ${(k.review / k.n).toFixed(3)}`)
console.log(`${'all'.padEnd(16)} ${String(total.n).padStart(6)}  ${String(total.found).padStart(5)} ${(total.found / total.n).toFixed(3)}  ${String(total.review).padStart(5)} ${(total.review / total.n).toFixed(3)}`)

let returned = 0
let reviewed = 0
const nearHits: string[] = []
const near = [...nearMissIds].filter((id) => !listedIds.has(id) && parties.get(id)!.name)
for (const id of near) {
  const p = parties.get(id)!
  const best = search(p)[0]
  if (!best) continue
  returned++
  if (best.score >= REVIEW_BAND) reviewed++
  nearHits.push(`${best.score.toFixed(3)} ${p.name} / ${best.matchedName}`)
}
console.log(`near-miss parties ${near.length}: returned at ${DEFAULT_NAME_THRESHOLD} ${returned} (${(returned / Math.max(1, near.length)).toFixed(3)}), at ${REVIEW_BAND} ${reviewed}`)
if (values['show-misses']) {
  console.log('\nlisted people below the review band:')
  for (const m of misses) console.log(`  ${m}`)
  console.log('\nnear misses returned:')
  for (const m of nearHits) console.log(`  ${m}`)
}
