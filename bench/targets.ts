import type { FloorFigures } from './http-floor.ts'
import type { HttpFigures } from './measure-http.ts'
import type { BatchFigures } from './measure-batch.ts'
import type { LiveState } from './measure-live-state.ts'

interface Figures {
  batchAll: BatchFigures
  batchOne: BatchFigures
  baseline: number
  names: BatchFigures | { skipped: string }
  http: HttpFigures | { skipped: string }
  httpGenerated: HttpFigures | { skipped: string }
}

/** The speed and memory targets, each with the figure measured in this run and by how much it is met or missed. */
export function judgeTargets(f: Figures): string {
  const lines: string[] = ['| target (issue 6) | measured | |', '|---|---|---|']
  const add = (target: string, measured: string, ok: boolean | undefined) =>
    lines.push(`| ${target} | ${measured} | ${ok === undefined ? 'not measured' : ok ? 'met' : 'MISSED'} |`)
  const pct = (x: number, goal: number) => `${((x / goal) * 100).toFixed(0)} % of target`
  const one = f.batchOne.recordsPerSecond
  add('batch, default pack ≥ 100,000 rec/s per core', `${Math.round(one).toLocaleString('en-US')} rec/s on 1 thread (${pct(one, 100_000)})`, one >= 100_000)
  const r = f.batchAll.recordsPerSecond / f.baseline
  add('batch ≥ 0.35 × pass-through', `${r.toFixed(3)} × (${pct(r, 0.35)})`, r >= 0.35)
  if ('skipped' in f.names) add('with name screening ≥ 40,000 rec/s', f.names.skipped, undefined)
  else add('with name screening ≥ 40,000 rec/s', `${Math.round(f.names.recordsPerSecond).toLocaleString('en-US')} rec/s (${pct(f.names.recordsPerSecond, 40_000)})`, f.names.recordsPerSecond >= 40_000)
  const speedup = f.batchAll.recordsPerSecond / one
  add('two cores ≥ 1.6 × one core', `${speedup.toFixed(2)} ×`, speedup >= 1.6)
  for (const [traffic, h] of [['synthetic traffic (d)', f.http], ['generated traffic (f)', f.httpGenerated]] as const) {
    const target = `POST /v1/screen ≥ 3,000 req/s, p99 ≤ 35 ms, PostgreSQL; ${traffic}`
    if ('skipped' in h) add(target, h.skipped, undefined)
    else add(target, `${Math.round(h.perSecond).toLocaleString('en-US')} req/s of ${h.rate.toLocaleString('en-US')} offered, ${h.dropped ?? 0} dropped, p99 ${h.p99.toFixed(1)} ms`, sustains(h, 3000) && h.p99 <= 35)
  }
  lines.push('', 'The 10-million-record memory target is measured by `npx tsx bench/memory.ts` (below).')
  return lines.join('\n')
}

/**
 * Sustained, as k6's constant-arrival-rate means it: `rate` per second offered, every call made (none dropped for
 * want of a free connection) and answered without error. Completions per second cannot read `rate` itself, since
 * the clock runs on until the last answer.
 */
function sustains(h: HttpFigures, rate: number): boolean {
  return h.rate >= rate && (h.dropped ?? 0) === 0 && h.errors <= 0.001 * h.requests
}

interface Issue21Figures {
  batchAll: BatchFigures
  batchOne: BatchFigures
  baseline: number
  manyOne: BatchFigures
  manyAll: BatchFigures
  manyBaseline: number
  live: LiveState
}

/** Issue 21's batch targets: ratios to the pass-through of the same run, and live state per party. */
export function judgeIssue21(f: Issue21Figures): string {
  const lines: string[] = ['| target (issue 21) | measured | |', '|---|---|---|']
  const add = (target: string, measured: string, ok: boolean) => lines.push(`| ${target} | ${measured} | ${ok ? 'met' : 'MISSED'} |`)
  const one = f.batchOne.recordsPerSecond / f.baseline
  add('one thread ≥ 0.3 × pass-through, seed 42', `${one.toFixed(3)} ×`, one >= 0.3)
  const many = f.manyOne.recordsPerSecond / f.manyBaseline
  add('one thread ≥ 0.15 × pass-through, many-parties file', `${many.toFixed(3)} ×`, many >= 0.15)
  const two = f.batchAll.recordsPerSecond / f.batchOne.recordsPerSecond
  add('two threads ≥ 1.6 × one thread, seed 42', `${two.toFixed(2)} ×`, two >= 1.6)
  const manyTwo = f.manyAll.recordsPerSecond / f.manyOne.recordsPerSecond
  add('two threads ≥ 1.6 × one thread, many-parties file', `${manyTwo.toFixed(2)} ×`, manyTwo >= 1.6)
  add('live state ≤ 1 KB a party, many-parties file', `${f.live.bytesPerParty.toLocaleString('en-US')} bytes`, f.live.bytesPerParty <= 1024)
  lines.push('', '1,000,000 many-parties records within 1 GB peak RSS: `npx tsx bench/memory.ts --records 1000000 --counterparties 2000000` (below).')
  return lines.join('\n')
}

interface Issue21RealtimeFigures {
  /** generated traffic at the scenario's full rate (3,000/s) */
  fullRate: HttpFigures | { skipped: string }
  /** generated traffic at 1,000/s, three runs */
  moderate: (HttpFigures | { skipped: string })[]
  floor: FloorFigures
}

/** Issue 21's real-time targets: the server's CPU a call against the floor's in the same run, and the tail. */
export function judgeIssue21Realtime(f: Issue21RealtimeFigures): string {
  const lines: string[] = ['| target (issue 21, real time, generated traffic) | measured | |', '|---|---|---|']
  const add = (target: string, measured: string, ok: boolean | undefined) =>
    lines.push(`| ${target} | ${measured} | ${ok === undefined ? 'not measured' : ok ? 'met' : 'MISSED'} |`)
  const full = f.fullRate
  const cpuTarget = 'server CPU a call ≤ 2 × the floor (bare node:http + PostgreSQL group commit), same rate'
  if ('skipped' in full || full.serverCpuMicros === undefined) add(cpuTarget, 'skipped' in full ? full.skipped : 'no /proc', undefined)
  else {
    const ratio = full.serverCpuMicros / f.floor.cpuMicros
    add(cpuTarget, `${full.serverCpuMicros.toFixed(0)} µs against ${f.floor.cpuMicros.toFixed(0)} µs: ${ratio.toFixed(2)} ×`, ratio <= 2)
  }
  const tailTarget = `offered ${'skipped' in full ? 3000 : full.rate}/s: ≥ 99 % completed, p99 ≤ 50 ms`
  if ('skipped' in full) add(tailTarget, full.skipped, undefined)
  else {
    const completed = (full.requests - full.errors) / (full.requests + (full.dropped ?? 0))
    add(tailTarget, `${(100 * completed).toFixed(1)} % completed, p99 ${full.p99.toFixed(1)} ms`, completed >= 0.99 && full.p99 <= 50)
  }
  const measured = f.moderate.filter((m): m is HttpFigures => !('skipped' in m))
  const p99s = measured.map((m) => `${m.p99.toFixed(1)} ms`).join(', ')
  add('offered 1,000/s: p99 ≤ 25 ms in each of three runs', measured.length === 3 ? `p99 ${p99s}` : 'fewer than three runs', measured.length === 3 ? measured.every((m) => m.p99 <= 25 && sustains(m, m.rate)) : undefined)
  return lines.join('\n')
}
