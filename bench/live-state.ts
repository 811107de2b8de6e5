// Live screening state per record: generated records screened in-process, then the heap after a full
// collection over the records screened. What a batch must hold for the records inside its longest window.
//   npx tsx bench/live-state.ts [--records N] [--seed N --generated N --accounts N] [--counterparties N] [--new-parties] [--json]
// The records are the first N of `txscreen generate --seed --records <generated> --accounts [--counterparties N]`
// (with --counterparties, the many-parties options of bench/data.ts)
// (cached under /tmp). Also per party: the live bytes over the distinct parties (sender and receiver ids) of the
// records inside the ruleset's longest window, issue 21's measure (`--counterparties 200000`: its population).
// --new-parties gives every sender and receiver of the records a fresh id, account and phone: a population of
// one-off counterparties, which the generated populations (whose accounts recur) do not show. The bytes a party
// are of the heap (the target's measure); the typed arrays (window pools, entity rows) are printed beside them.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { compileRuleset, inputFormats, Screener, type TransferRecord } from '../src/core/index.ts'
import { readRuleSources } from '../src/rules-fs.ts'
import { generatedRecords } from './data.ts'

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    generated: { type: 'string', default: '200000' },
    accounts: { type: 'string', default: '8000' },
    seed: { type: 'string', default: '42' },
    counterparties: { type: 'string' },
    'new-parties': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
})
const records = Number(values.records)
const accounts = Number(values.accounts)
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const compiled = compileRuleset(await readRuleSources())
if (!compiled.ok) throw new Error('the rule pack does not compile: run `npx txscreen rules check`')
const screener = new Screener(compiled.ruleset)
const { maxWindowMs } = compiled.ruleset
const parser = inputFormats.named('ndjson')!.parser()
const counterparties = values.counterparties === undefined ? undefined : Number(values.counterparties)
const file = await generatedRecords(Number(values.seed), Math.max(records, Number(values.generated)), accounts, counterparties)

type Party = TransferRecord['sender']
const fresh = (p: Party, tag: string, i: number): Party => ({
  ...p,
  id: `${tag}${i}`,
  account: `${tag.toUpperCase()}X${i}`,
  phone: `+1555${String(i).padStart(7, '0')}`,
  ...(p.email !== undefined && { email: `${tag}${i}@new.example` }),
})

// time and party ids of each record screened, to count the parties in the windows at the end (emptied before
// the heap is measured)
const seen: [number, string, string][] = []
gc()
const before = process.memoryUsage()
let screened = 0
for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (screened === records) break
  const parsed = parser.push([{ text, line: screened + 1 }])[0]
  if (!parsed?.ok) continue
  const r = values['new-parties'] ? { ...parsed.record, sender: fresh(parsed.record.sender, 's', screened), receiver: fresh(parsed.record.receiver, 'r', screened) } : parsed.record
  screener.screen(r)
  seen.push([Date.parse(r.timestamp), r.sender.id, r.receiver.id])
  screened++
}
const parties = partiesInWindows()
seen.length = 0
gc()
const after = process.memoryUsage()
const live = after.heapUsed - before.heapUsed
// state kept in typed arrays (window pools, entity tables' rows) is outside the heap: shown beside it
const typed = after.arrayBuffers - before.arrayBuffers

function partiesInWindows(): number {
  const last = seen.reduce((t, [ts]) => Math.max(t, ts), Number.NEGATIVE_INFINITY)
  const ids = new Set<string>()
  for (const [ts, s, r] of seen) if (ts > last - maxWindowMs) ids.add(s).add(r)
  return ids.size
}
if (values.json) console.log(JSON.stringify({ records: screened, liveBytes: live, typedBytes: typed, parties, bytesPerParty: Math.round(live / parties) }))
else console.log(
  `${screened.toLocaleString('en-US')} records (seed ${values.seed}, ${accounts.toLocaleString('en-US')} accounts${values['new-parties'] ? ', every party new' : ''}): ` +
    `${(live / 2 ** 20).toFixed(0)} MiB of live state, ${Math.round(live / screened).toLocaleString('en-US')} bytes a record ` +
    `(${screener.liveEntities.toLocaleString('en-US')} windows and graph nodes); ` +
    `${parties.toLocaleString('en-US')} parties in the windows, ${Math.round(live / parties).toLocaleString('en-US')} bytes a party; ` +
    `besides, typed arrays ${(typed / 2 ** 20).toFixed(0)} MiB, ${Math.round((live + typed) / parties).toLocaleString('en-US')} bytes a party with them`,
)
