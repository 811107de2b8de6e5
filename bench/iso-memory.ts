// npx tsx bench/iso-memory.ts [--records 1000000] [--accounts 20000] [--seed 42] [--threads N] [--runs 2] [--no-write]
// Peak memory of `txscreen batch` on a pacs.008 file against the same records as NDJSON (reduced to the fields the
// mapping carries, src/gen/iso20022.ts): streaming XML must stay within 1.5 × the NDJSON peak (issue 19). Both
// files are written once under /tmp and reused.
import { createReadStream, existsSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { TransferRecordSchema, type TransferRecord } from '../src/core/index.ts'
import { LineSink } from '../src/gen/writer.ts'
import { isoDocument, reduceToIsoFields } from '../src/gen/iso20022.ts'
import { generatedRecords } from './data.ts'
import { describeMachine } from './machine.ts'
import { measureBatch, type BatchFigures } from './measure-batch.ts'
import { fmtMiB, fmtRate, writeBenchmarks } from './report.ts'

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    accounts: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '42' },
    threads: { type: 'string' },
    runs: { type: 'string', default: '2' },
    'no-write': { type: 'boolean', default: false },
  },
})
const records = Number(values.records)
const accounts = Number(values.accounts)
const seed = Number(values.seed)
const threadArgs = values.threads ? ['--threads', values.threads] : []

async function* readRecords(file: string): AsyncGenerator<TransferRecord> {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim() !== '') yield TransferRecordSchema.parse(JSON.parse(line))
  }
}

/** `file` written once from the generated records, through a partial file renamed when complete */
async function derived(file: string, write: (sink: LineSink) => Promise<void>): Promise<string> {
  if (existsSync(file)) return file
  process.stderr.write(`writing ${file} ...\n`)
  const sink = new LineSink(`${file}.partial`)
  await write(sink)
  await sink.close()
  renameSync(`${file}.partial`, file)
  return file
}

const source = await generatedRecords(seed, records, accounts)
const dir = join(source, '..')
const ndjson = await derived(join(dir, 'records.iso-reduced.ndjson'), async (sink) => {
  for await (const r of readRecords(source)) await sink.write(`${JSON.stringify(reduceToIsoFields(r, 'pacs008'))}\n`)
})
const xml = await derived(join(dir, 'records.pacs008.xml'), async (sink) => {
  for await (const piece of isoDocument('pacs008', readRecords(source), { messageId: `TXS-BENCH-${seed}`, createdAt: '2026-01-01T00:00:00Z' })) await sink.write(piece)
})

const runs: { name: string; file: string; f: BatchFigures }[] = []
// alternating, so a change in the machine's load falls on both
const order = Array.from({ length: Number(values.runs) }, (_, i) => [[`NDJSON (the mapped fields)${i ? ', again' : ''}`, ndjson], [`pacs.008${i ? ', again' : ''}`, xml]] as const).flat()
for (const [name, file] of order) {
  process.stderr.write(`txscreen batch on ${name} ...\n`)
  const f = await measureBatch(file, threadArgs)
  process.stderr.write(`  peak RSS ${fmtMiB(f.peakRssMiB)}, ${fmtRate(f.recordsPerSecond)}\n`)
  runs.push({ name, file, f })
}

const peak = (prefix: string) => Math.max(...runs.filter((r) => r.name.startsWith(prefix)).map((r) => r.f.peakRssMiB ?? Number.NaN))
const ratio = peak('pacs.008') / peak('NDJSON')
const machine = describeMachine()
const mib = (file: string) => `${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`
const generated = [
  `Last run: \`npx tsx bench/iso-memory.ts --records ${records} --accounts ${accounts}${values.threads ? ` --threads ${values.threads}` : ''} --runs ${values.runs}\` on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
  `(${machine.cores} cores, Node ${machine.node}, load average ${machine.load} at the end; \`txscreen generate --seed ${seed} --accounts ${accounts}\`, default rule pack, \`txscreen batch${values.threads ? ` --threads ${values.threads}` : ' (default threads)'}\`).`,
  '',
  '| input | file size | peak RSS | throughput | screening time |',
  '|---|---:|---:|---:|---:|',
  ...runs.map(({ name, file, f }) => `| ${name} | ${mib(file)} | ${fmtMiB(f.peakRssMiB)} | ${fmtRate(f.recordsPerSecond)} | ${f.elapsedSeconds.toFixed(0)} s |`),
  '',
  `pacs.008 peak over NDJSON peak (the higher run of each): ${ratio.toFixed(2)} × (issue 19 wants ≤ 1.5 ×): ${ratio <= 1.5 ? 'MET' : 'MISSED'}.`,
].join('\n')
process.stdout.write(`${generated}\n`)
if (!values['no-write']) writeBenchmarks(join(import.meta.dirname, '..', 'BENCHMARKS.md'), generated, 'iso20022')
