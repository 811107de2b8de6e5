// Name screening on a generated folder, party by party (src/eval/listed-recall.ts): for each listed person planted
// (DIR/listed.csv, the sanctioned_name typology) whether the lists return the right entry at the default threshold
// and at the pack's review score, by kind of variant; and how many near-miss customers (family name_near_miss) get
// any entry. `txscreen eval` gives the pack's instance recall and false alerts per family; this says which names
// the matcher itself misses.
//   npx tsx scripts/listed-recall.ts DIR --list ofac-csv:PATH [--list un-xml:PATH ...] [--show-misses]
import { parseArgs } from 'node:util'
import { DEFAULT_NAME_THRESHOLD } from '../src/core/names/index.ts'
import { listedRecall, PACK_REVIEW_SCORE, type KindTally } from '../src/eval/listed-recall.ts'
import { loadLists } from '../src/lists/load.ts'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { list: { type: 'string', multiple: true }, 'show-misses': { type: 'boolean', default: false } } })
const dir = positionals[0]
if (!dir || !values.list) throw new Error('usage: scripts/listed-recall.ts DIR --list FORMAT:PATH ...')
const r = listedRecall(dir, (await loadLists(values.list)).names)

const row = (kind: string, k: KindTally) =>
  `${kind.padEnd(16)} ${String(k.listed).padStart(6)}  ${String(k.found).padStart(5)} ${(k.found / k.listed).toFixed(3)}  ${String(k.review).padStart(5)} ${(k.review / k.listed).toFixed(3)}`
console.log(`variant          listed  right entry >= ${DEFAULT_NAME_THRESHOLD}  >= ${PACK_REVIEW_SCORE} (pack review)`)
for (const [kind, k] of r.byKind) console.log(row(kind, k))
console.log(row('all', r.total))
const n = r.nearMiss
console.log(`near-miss parties ${n.parties}: returned at ${DEFAULT_NAME_THRESHOLD} ${n.returned} (${(n.returned / Math.max(1, n.parties)).toFixed(3)}), at ${PACK_REVIEW_SCORE} ${n.review}`)
if (values['show-misses']) {
  console.log('\nlisted people below the pack review score:')
  for (const m of r.misses) console.log(`  ${m}`)
  console.log('\nnear misses returned:')
  for (const m of r.nearHits) console.log(`  ${m}`)
}
