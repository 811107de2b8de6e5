// The second near-miss set (issue 17, session names28): common names of the corridor communities
// (scripts/name-fixtures/culture-names.ts, not the generator's stock) crossed with the people of the vendored OFAC SDN
// 2019 and UN subsets, each sharing exactly one word with its entry; up to PER_REGION pairs per community.
//   npx tsx scripts/name-fixtures/near-misses-cultures.ts   (writes fixtures/names/near-misses-cultures.csv)
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadList } from '../../src/lists/load.ts'
import { CULTURE_NAMES } from './culture-names.ts'
import { nearMisses } from './near-misses.ts'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const PER_REGION = 50
const SEED = 28
const ofac = await loadList(`ofac-csv:${path.join(repo, 'fixtures/lists/ofac-sdn-2019')}`)
const un = await loadList(`un-xml:${path.join(repo, 'fixtures/lists/un/UN_consolidated.xml')}`)
const entries = [...ofac.entries, ...un.entries]
const csv = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
const rows: string[] = ['region,query,list,id,name,shared']
CULTURE_NAMES.forEach((region, r) => {
  for (const m of nearMisses(entries, PER_REGION, SEED + r, [region])) rows.push([region.region, m.query, m.list, m.id, m.name, m.shared].map(csv).join(','))
})
writeFileSync(path.join(repo, 'fixtures/names/near-misses-cultures.csv'), rows.join('\n') + '\n')
console.log(`near misses by culture: ${rows.length - 1}`)
