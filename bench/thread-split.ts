// Two threads against one on a loaded machine (issue 21): `txscreen batch --threads 1` and `--threads N`
// alternately on the bench's two files, each run's CPU split by thread (`--summary-json`: the main thread,
// each screening worker, and the rest of the process: V8's collector and compiler threads, the workers'
// start). Wall time on a shared machine says little; the critical path is estimated from CPU instead: a run
// cannot take less than its busiest thread, nor less than its whole CPU spread over the cores.
//   npx tsx bench/thread-split.ts [--records N] [--threads N] [--rounds R] [--file seed42|many]...
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { defaultAccounts } from '../src/gen/generate.ts'
import { generatedRecords } from './data.ts'
import { describeMachine } from './machine.ts'
import { measureBatch, type BatchFigures } from './measure-batch.ts'

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    threads: { type: 'string' },
    rounds: { type: 'string', default: '2' },
    file: { type: 'string', multiple: true, default: ['seed42', 'many'] },
  },
})
const machine = describeMachine()
const records = Number(values.records)
const threads = values.threads ?? String(machine.cores)
const files: Record<string, () => Promise<string>> = {
  // the same files as `npm run bench`
  seed42: () => generatedRecords(42, records, 8000),
  many: () => generatedRecords(42, records, defaultAccounts(records), 2 * records),
}

/** the estimated critical path of a run, in CPU seconds, and its parts */
function split(f: BatchFigures) {
  const cpu = f.threadCpu
  if (cpu?.mainThreadSeconds === undefined) return undefined
  const workers = (cpu.workerThreadSeconds ?? []).map((s) => s ?? 0)
  const others = cpu.processSeconds - cpu.mainThreadSeconds - workers.reduce((a, b) => a + b, 0)
  const critical = Math.max(cpu.mainThreadSeconds, ...workers, cpu.processSeconds / machine.cores)
  return { main: cpu.mainThreadSeconds, workers, others, process: cpu.processSeconds, critical }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
const f2 = (x: number) => x.toFixed(2)
console.log(`${machine.cores} cores, ${machine.cpu}, Node ${machine.node}; ${records.toLocaleString('en-US')} records; --threads 1 against --threads ${threads}`)
for (const name of values.file) {
  const input = await files[name]!()
  const ratios = { wall: [] as number[], critical: [] as number[] }
  for (let round = 0; round < Number(values.rounds); round++) {
    const runs: [string, BatchFigures][] = []
    for (const t of ['1', threads]) runs.push([t, await measureBatch(input, ['--threads', t])])
    for (const [t, f] of runs) {
      const s = split(f)
      const parts = s ? `main ${f2(s.main)} s, workers ${s.workers.map(f2).join(' + ') || '-'} s, others ${f2(s.others)} s, process ${f2(s.process)} s; critical path ~${f2(s.critical)} s` : 'no per-thread CPU here'
      console.log(`${name} round ${round + 1} --threads ${t}: ${f2(f.elapsedSeconds)} s (${f.recordsPerSecond.toLocaleString('en-US')} rec/s); ${parts}; load ${loadavg()[0]!.toFixed(1)}`)
    }
    const [one, many] = [runs[0]![1], runs[1]![1]]
    ratios.wall.push(many.recordsPerSecond / one.recordsPerSecond)
    const [a, b] = [split(one), split(many)]
    if (a && b) ratios.critical.push(a.critical / b.critical)
  }
  console.log(
    `${name}: --threads ${threads} / --threads 1, median of ${ratios.wall.length}: ${f2(median(ratios.wall))}× in records/s, ` +
      (ratios.critical.length > 0 ? `${f2(median(ratios.critical))}× by the CPU-estimated critical path` : 'no CPU estimate'),
  )
}
