// Copies into fixtures/ the parts of ../shared/data that the name tests need, so that `npm test` on a fresh clone
// checks the name figures instead of skipping, and makes the near-miss set. See fixtures/names/README.md.
//   npx tsx scripts/name-fixtures/vendor.ts [SHARED_DATA_DIR]
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCsvLine } from '../../src/core/io/csv-line.ts'
import { loadList } from '../../src/lists/load.ts'
import { nearMisses } from './near-misses.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../..')
const shared = path.resolve(process.argv[2] ?? process.env.TXSCREEN_SHARED_DATA ?? path.join(repo, '../shared/data'))
const cases = path.join(shared, 'name-matching')
const namesOut = path.join(repo, 'fixtures/names')
const listsOut = path.join(repo, 'fixtures/lists')

// the near-miss set: its size and seed
const NEAR_MISSES = 400
const NEAR_MISS_SEED = 17
// besides the entries the near misses name, one list entry in this many, so that the words' frequencies (their
// weights) in the subset stay roughly those of the whole lists
const BACKGROUND_EVERY = 10
// the Wikidata test reads the first rows of each file
const WIKIDATA_ROWS = 300
const WIKIDATA_FILES = ['wd_arabic_20', 'wd_chinese_20', 'wd_hebrew', 'wd_japanese_20', 'wd_korean', 'wd_russian_20']

function copy(relative: string): void {
  const to = path.join(namesOut, relative)
  mkdirSync(path.dirname(to), { recursive: true })
  copyFileSync(path.join(cases, relative), to)
}

for (const file of [
  'opensanctions/ofac_fixtures.csv',
  'opensanctions/derived_logic_v2_match_cases.json',
  'opensanctions/putin_names.txt',
  'watchman/cross_script_pairs.csv',
  'watchman/derived_jaro_winkler_cases.csv',
  'senzing/demo/watchlist.csv',
  'senzing/demo/customers.csv',
  'senzing/demo/reference.csv',
  'senzing/demo/actual_truthset_key.csv',
]) {
  copy(file)
}
mkdirSync(path.join(namesOut, 'wikidata-transliteration'), { recursive: true })
for (const file of WIKIDATA_FILES) {
  const rows = readFileSync(path.join(cases, 'wikidata-transliteration', file), 'utf8').split('\n').filter(Boolean).slice(0, WIKIDATA_ROWS)
  writeFileSync(path.join(namesOut, 'wikidata-transliteration', file), rows.join('\n') + '\n')
}

const ofacDir = path.join(shared, 'watchlists/ofac-sdn-2019')
const unFile = path.join(shared, 'watchlists/un/UN_consolidated.xml')
const ofac = await loadList(`ofac-csv:${ofacDir}`)
const un = await loadList(`un-xml:${unFile}`)
const misses = nearMisses([...ofac.entries, ...un.entries], NEAR_MISSES, NEAR_MISS_SEED)
const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
writeFileSync(
  path.join(namesOut, 'near-misses.csv'),
  ['query,list,id,name,shared', ...misses.map((m) => [m.query, m.list, m.id, m.name, m.shared].map(csvField).join(','))].join('\n') + '\n',
)

const keep = (entries: { id: string }[], named: Set<string>) =>
  new Set(entries.filter((e, i) => named.has(e.id) || i % BACKGROUND_EVERY === 0).map((e) => e.id))
const ofacIds = keep(ofac.entries, new Set(misses.filter((m) => m.list === 'ofac-sdn-2019').map((m) => m.id)))
const unIds = keep(un.entries, new Set(misses.filter((m) => m.list === 'UN_consolidated').map((m) => m.id)))

mkdirSync(path.join(listsOut, 'ofac-sdn-2019'), { recursive: true })
for (const file of ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv']) {
  const records = csvRecordTexts(readFileSync(path.join(ofacDir, file), 'utf8'))
  const kept = records.filter((r) => ofacIds.has(parseCsvLine(r)?.[0]?.trim() ?? ''))
  if (kept.length > 0) writeFileSync(path.join(listsOut, 'ofac-sdn-2019', file), kept.map((r) => r + '\n').join(''))
}

mkdirSync(path.join(listsOut, 'un'), { recursive: true })
writeFileSync(path.join(listsOut, 'un/UN_consolidated.xml'), unSubset(readFileSync(unFile, 'utf8'), unIds))

console.log(`near misses ${misses.length}; OFAC entries kept ${ofacIds.size} of ${ofac.entries.length}; UN ${unIds.size} of ${un.entries.length}`)

/** A CSV text's records as they are written (a quoted field may span lines). */
function csvRecordTexts(text: string): string[] {
  const out: string[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    let record = lines[i]!
    if (record.trim() === '') continue
    while (parseCsvLine(record) === null && i + 1 < lines.length) record += '\n' + lines[++i]!
    out.push(record)
  }
  return out
}

/** The UN XML with only the INDIVIDUAL and ENTITY blocks whose reference number is in `ids`, as they are written. */
function unSubset(xml: string, ids: Set<string>): string {
  return xml.replace(/[ \t]*<(INDIVIDUAL|ENTITY)>[\s\S]*?<\/\1>\r?\n?/g, (block) => {
    const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(block)?.[1]?.trim() ?? ''
    return ids.has(tag('REFERENCE_NUMBER') || tag('DATAID')) ? block : ''
  })
}
