// Name screening benchmark (not a test): queries per second against the 2021 SDN list with all its aliases, with
// blocking and with every name scored, and the recall of each on the same perturbed queries.
//   npx tsx bench/names.ts [--queries N] [--brute N] [--passes N (default 3)] [--list FORMAT:PATH]
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildNameIndex, DEFAULT_NAME_THRESHOLD, type NameIndex, type WatchlistEntry } from '../src/core/names/index.ts'
import { prng } from '../load/lib/payload.js'
import { loadList } from '../src/lists/load.ts'

export interface BenchNamesOptions {
  /** FORMAT:PATH of the list; default the 2021 SDN list beside the repository */
  list?: string
  /** perturbed queries timed against the blocked index */
  queries?: number
  /** of those, how many are also run against the exhaustive scorer (it is slow) */
  bruteQueries?: number
  /** times the queries are run against the blocked index (default 3); the figures are of the fastest pass (the machine is shared) */
  passes?: number
  seed?: number
}

export interface BenchNamesResult {
  entries: number
  names: number
  queries: number
  bruteQueries: number
  /** queries per second, blocked index, one thread, by the wall clock */
  qps: number
  /** the same by the CPU time the process used: fairer on a shared machine, includes GC threads */
  qpsCpu: number
  /** the same by the CPU time of the main thread alone (Linux /proc/thread-self), null where unavailable */
  qpsThread: number | null
  /** the thread figure of every pass, in order */
  qpsThreadPasses: number[]
  /** queries per second, every name scored with the same scorer, by the wall clock and by CPU time */
  bruteQps: number
  bruteQpsCpu: number
  /** qps / bruteQps, by the wall clock */
  speedup: number
  /** the same by CPU time */
  speedupCpu: number
  /** share of queries whose source entry is reported at or above the default threshold, on the brute sample */
  recallIndexed: number
  recallBrute: number
  /** the same for all `queries` against the blocked index */
  recallIndexedAll: number
  threshold: number
  buildMs: number
  perturbations: Record<string, number>
  /** brute-force sample queries the blocked index missed: what blocking costs */
  missedByIndex: string[]
}

const here = path.dirname(fileURLToPath(import.meta.url))
const WARM_UP_QUERIES = 5000
const DEFAULT_PASSES = 3
// ../shared/data beside the repository, or where TXSCREEN_SHARED_DATA says (as the tests read it)
const DEFAULT_LIST = `ofac-csv:${path.join(process.env.TXSCREEN_SHARED_DATA ?? path.resolve(here, '../../shared/data'), 'watchlists/ofac-sdn-2021')}`

export async function benchNames(opts: BenchNamesOptions = {}): Promise<BenchNamesResult> {
  const { entries } = await loadList(opts.list ?? DEFAULT_LIST)
  // seeded, so every run asks the same queries
  const random = prng(opts.seed ?? 20240601)
  const queryCount = opts.queries ?? 20000
  const bruteCount = Math.min(opts.bruteQueries ?? 300, queryCount)
  const queries = makeQueries(entries, queryCount, random)

  let t = performance.now()
  const index = buildNameIndex(entries)
  const buildMs = performance.now() - t
  const brute = buildNameIndex(entries, { exhaustive: true })

  // warm-up, so the timed passes measure steady state: compilation, and the collection of what building the two
  // indexes left behind
  for (const q of queries.slice(0, WARM_UP_QUERIES)) index.search(q.text)
  let found: boolean[] = []
  let qps = 0
  let qpsCpu = 0
  let qpsThread: number | null = null
  const qpsThreadPasses: number[] = []
  for (let pass = 0; pass < Math.max(1, opts.passes ?? DEFAULT_PASSES); pass++) {
    t = performance.now()
    const cpu = process.cpuUsage()
    const thread = threadCpuSeconds()
    found = queries.map((q) => hit(index, q))
    const wall = queries.length / ((performance.now() - t) / 1000)
    const used = process.cpuUsage(cpu)
    const threadAfter = threadCpuSeconds()
    const byCpu = queries.length / ((used.user + used.system) / 1e6)
    const byThread = thread === null || threadAfter === null ? null : queries.length / (threadAfter - thread)
    if (byThread !== null) qpsThreadPasses.push(byThread)
    // the fastest pass by the thread's CPU time (by the process's where that is unavailable)
    if (byThread === null ? byCpu > qpsCpu : qpsThread === null || byThread > qpsThread) {
      qps = wall
      qpsCpu = byCpu
      qpsThread = byThread
    }
  }

  const sample = queries.slice(0, bruteCount)
  t = performance.now()
  const bruteCpu = process.cpuUsage()
  const bruteFound = sample.map((q) => hit(brute, q))
  const bruteQps = sample.length / ((performance.now() - t) / 1000)
  const bruteUsed = process.cpuUsage(bruteCpu)
  const bruteQpsCpu = sample.length / ((bruteUsed.user + bruteUsed.system) / 1e6)

  const perturbations: Record<string, number> = {}
  for (const q of queries) perturbations[q.kind] = (perturbations[q.kind] ?? 0) + 1
  const share = (xs: boolean[]) => xs.filter(Boolean).length / xs.length
  return {
    entries: entries.length,
    names: entries.reduce((n, e) => n + 1 + e.aliases.length, 0),
    queries: queries.length,
    bruteQueries: sample.length,
    qps,
    qpsCpu,
    qpsThread,
    qpsThreadPasses,
    bruteQps,
    bruteQpsCpu,
    speedup: qps / bruteQps,
    speedupCpu: qpsCpu / bruteQpsCpu,
    recallIndexed: share(found.slice(0, bruteCount)),
    recallBrute: share(bruteFound),
    recallIndexedAll: share(found),
    threshold: DEFAULT_NAME_THRESHOLD,
    buildMs,
    perturbations,
    missedByIndex: sample.filter((q, i) => bruteFound[i] && !found[i]).map((q) => `${q.kind}: ${q.text}`),
  }
}

/**
 * CPU seconds (user + system) of the calling thread, from /proc/thread-self/stat (Linux; clock ticks of 10 ms):
 * process.cpuUsage counts V8's helper threads too, and Node 20 has no process.threadCpuUsage.
 */
function threadCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // fields from the third of stat(5): utime and stime are the 14th and 15th
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return null
  }
}
const CLOCK_TICKS = 100

interface Query {
  text: string
  entry: string
  kind: string
}

function hit(index: NameIndex, q: Query): boolean {
  return index.search(q.text).some((m) => m.entry.id === q.entry)
}

/** Deterministic variants of list names: a typo, a reordering, a dropped middle name, or another script. */
export function makeQueries(entries: WatchlistEntry[], count: number, random: () => number): Query[] {
  const kinds: [string, (tokens: string[]) => string[] | null][] = [
    ['typo', (t) => withTypo(t, random)],
    ['reordered', (t) => (t.length > 1 ? [...t.slice(1), t[0]!] : null)],
    ['dropped-middle', (t) => (t.length > 2 ? [t[0]!, ...t.slice(2)] : null)],
    ['cyrillic', (t) => t.map(toCyrillic)],
    ['typo+reordered', (t) => (t.length > 1 ? withTypo([...t.slice(1), t[0]!], random) : null)],
  ]
  const queries: Query[] = []
  while (queries.length < count) {
    const entry = entries[Math.floor(random() * entries.length)]!
    const names = [entry.name, ...entry.aliases]
    const name = names[Math.floor(random() * names.length)]!
    const tokens = name.replace(/,/g, ' ').split(/\s+/).filter(Boolean)
    const [kind, perturb] = kinds[Math.floor(random() * kinds.length)]!
    const variant = perturb(tokens)
    if (!variant) continue
    queries.push({ text: variant.join(' '), entry: entry.id, kind })
  }
  return queries
}

/** One edit in one token of four or more letters: a deleted, doubled, replaced or swapped letter. */
function withTypo(tokens: string[], random: () => number): string[] | null {
  const candidates = tokens.map((t, i) => [t, i] as const).filter(([t]) => t.length >= 4)
  if (candidates.length === 0) return null
  const [token, i] = candidates[Math.floor(random() * candidates.length)]!
  const at = 1 + Math.floor(random() * (token.length - 2))
  const edits = [
    () => token.slice(0, at) + token.slice(at + 1),
    () => token.slice(0, at) + token[at] + token.slice(at),
    () => token.slice(0, at) + 'aeiouy'[Math.floor(random() * 6)] + token.slice(at + 1),
    () => token.slice(0, at) + token[at + 1] + token[at] + token.slice(at + 2),
  ]
  const out = [...tokens]
  out[i] = edits[Math.floor(random() * edits.length)]!()
  return out
}

// Latin to Cyrillic as a Russian clerk would write a foreign name; digraphs first
const CYRILLIC: [string, string][] = [
  ['shch', 'щ'], ['sh', 'ш'], ['ch', 'ч'], ['kh', 'х'], ['zh', 'ж'], ['ts', 'ц'], ['yu', 'ю'], ['ya', 'я'], ['yo', 'ё'],
  ['a', 'а'], ['b', 'б'], ['v', 'в'], ['g', 'г'], ['d', 'д'], ['e', 'е'], ['z', 'з'], ['i', 'и'], ['y', 'й'], ['k', 'к'],
  ['l', 'л'], ['m', 'м'], ['n', 'н'], ['o', 'о'], ['p', 'п'], ['r', 'р'], ['s', 'с'], ['t', 'т'], ['u', 'у'], ['f', 'ф'],
  ['h', 'х'], ['c', 'к'], ['j', 'дж'], ['q', 'к'], ['w', 'в'], ['x', 'кс'],
]

function toCyrillic(token: string): string {
  let out = ''
  const lower = token.toLowerCase()
  for (let i = 0; i < lower.length; ) {
    const pair = CYRILLIC.find(([latin]) => lower.startsWith(latin, i))
    if (pair) {
      out += pair[1]
      i += pair[0].length
    } else out += lower[i++]
  }
  return out
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { queries: { type: 'string' }, brute: { type: 'string' }, passes: { type: 'string' }, list: { type: 'string' } },
  })
  const result = await benchNames({
    ...(values.queries && { queries: Number(values.queries) }),
    ...(values.brute && { bruteQueries: Number(values.brute) }),
    ...(values.passes && { passes: Number(values.passes) }),
    ...(values.list && { list: values.list }),
  })
  const f = (n: number) => Math.round(n).toLocaleString('en')
  console.log(
    [
      `list: ${f(result.entries)} entries, ${f(result.names)} names (index built in ${f(result.buildMs)} ms)`,
      `queries: ${f(result.queries)} perturbed list names ${JSON.stringify(result.perturbations)}`,
      `blocked index, one thread: ${result.qpsThread === null ? 'n/a' : f(result.qpsThread)} queries per CPU-second of the main thread (${f(result.qpsCpu)} per CPU-second of the process, ${f(result.qps)} per wall-clock second), recall ${result.recallIndexedAll.toFixed(3)} at threshold ${result.threshold}`,
      ...(result.qpsThreadPasses.length > 1 ? [`  fastest of ${result.qpsThreadPasses.length} passes; each pass, per CPU-second of the thread: ${result.qpsThreadPasses.map(f).join(', ')}`] : []),
      `every name scored: ${f(result.bruteQps)} queries/s (${f(result.bruteQpsCpu)} per CPU-second) on ${result.bruteQueries} of them, recall ${result.recallBrute.toFixed(3)} (blocked on the same: ${result.recallIndexed.toFixed(3)})`,
      `speed-up: ${result.speedup.toFixed(0)}x by the wall clock, ${result.speedupCpu.toFixed(0)}x by CPU time`,
      `true matches found by scoring every name but missed by the index: ${result.missedByIndex.length} of ${result.bruteQueries} queries`,
      ...result.missedByIndex.map((q) => `  found only by scoring every name: ${q}`),
    ].join('\n'),
  )
}
