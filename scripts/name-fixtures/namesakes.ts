/**
 * Which parties of generated records match which list entries, and why: every distinct party (name, type, date
 * of birth, nationality, country) searched as the sanctions-name rule searches it, hits at or above --min
 * (default 0.9, the rule's lowest band) printed with their tokens, weights and details, and the records they touch.
 *   npx tsx scripts/name-fixtures/namesakes.ts DIR [DIR ...] [--min 0.9] [--list SPEC ...] [--json]
 */
import { createReadStream, readFileSync, existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { loadLists } from '../../src/lists/load.ts'

const args = process.argv.slice(2)
const dirs: string[] = []
const lists: string[] = []
let min = 0.9
let json = false
for (let i = 0; i < args.length; i++) {
  const a = args[i]!
  if (a === '--min') min = Number(args[++i])
  else if (a === '--list') lists.push(args[++i]!)
  else if (a === '--json') json = true
  else dirs.push(a)
}
if (lists.length === 0) lists.push('ofac-csv:fixtures/lists/ofac-sdn-2019', 'un-xml:fixtures/lists/un/UN_consolidated.xml')
const { names } = await loadLists(lists)

type P = { name?: string; type?: string; dateOfBirth?: string; nationality?: string; country?: string; id?: string }
for (const dir of dirs) {
  const illicit = new Set<string>()
  for (const line of readFileSync(`${dir}/labels.csv`, 'utf8').split('\n').slice(1)) {
    const [id, ill] = line.split(',')
    if (ill === '1') illicit.add(id!)
  }
  const listed = new Set<string>()
  if (existsSync(`${dir}/listed.csv`)) for (const line of readFileSync(`${dir}/listed.csv`, 'utf8').split('\n').slice(1)) { const party = line.split(',')[1]; if (party) listed.add(party) }
  const memo = new Map<string, { hit: ReturnType<typeof names.search>[number] | undefined; records: number; falseRecords: number; party: P }>()
  const rl = createInterface({ input: createReadStream(`${dir}/records.ndjson`) })
  for await (const line of rl) {
    if (!line) continue
    const r = JSON.parse(line)
    for (const p of [r.sender, r.receiver, r.ultimateSender, r.ultimateReceiver] as (P | undefined)[]) {
      if (!p?.name) continue
      const type = p.type === 'person' ? 'person' : p.type === 'business' || p.type === 'msb' ? 'org' : undefined
      const key = `${type}|${p.dateOfBirth ?? ''}|${p.nationality ?? ''}|${p.country ?? ''}|${p.name}`
      let m = memo.get(key)
      if (!m) {
        const hit = names.search(p.name, { limit: 1, minScore: min, ...(type && { type }), ...(p.dateOfBirth && { dateOfBirth: p.dateOfBirth }), ...(p.nationality && { nationality: p.nationality }), ...(p.country && { country: p.country }) })[0]
        m = { hit, records: 0, falseRecords: 0, party: p }
        memo.set(key, m)
      }
      if (m.hit) { m.records++; if (!illicit.has(r.id)) m.falseRecords++ }
    }
  }
  const hits = [...memo.values()].filter((m) => m.hit).sort((a, b) => b.hit!.score - a.hit!.score)
  console.log(`== ${dir}: ${hits.length} parties at >= ${min}, ${hits.filter((h) => h.falseRecords > 0).length} with benign records, ${hits.reduce((n, h) => n + h.falseRecords, 0)} benign party-records`)
  for (const m of hits) {
    const h = m.hit!
    if (json) { console.log(JSON.stringify({ dir, party: m.party, score: h.score, nameScore: h.nameScore, entry: h.entry.id, matched: h.matchedName, rule: h.rule, details: h.details, explanation: h.explanation, records: m.records, falseRecords: m.falseRecords })); continue }
    const toks = h.explanation.map((t) => `${t.query || '-'}~${t.candidate || '-'} ${t.score.toFixed(2)} (${t.queryWeight.toFixed(1)}/${t.candidateWeight.toFixed(1)})`).join(', ')
    const det = h.details.map((d) => `${d.detail}:${d.outcome}${d.change >= 0 ? '+' : ''}${d.change.toFixed(3)}`).join(' ')
    const tag = listed.has(m.party.id ?? '') ? 'LISTED' : m.falseRecords === m.records ? 'FALSE' : 'mixed'
    console.log(`${h.score.toFixed(3)} ${h.nameScore.toFixed(3)} ${tag} ${m.falseRecords}/${m.records} "${m.party.name}" [${m.party.type} ${m.party.dateOfBirth ?? '-'} ${m.party.nationality ?? '-'} ${m.party.country ?? '-'}] -> ${h.entry.list}:${h.entry.id} "${h.matchedName}" [${(h.entry.birthDates ?? []).join(';') || '-'} ${(h.entry.nationalities ?? []).join(';') || '-'} ${(h.entry.countries ?? []).slice(0, 4).join(';') || '-'}] ${h.rule ?? ''} | ${toks} | ${det}`)
  }
}
