// npx tsx bench/memory.ts [--records 1000000,3000000] [--accounts 20000] [--counterparties N] [--threads N] [--max-memory MB] [--no-write]
// Peak memory of `txscreen batch` as the batch grows over one fixed population of accounts: memory should
// follow the state inside the windows, not the batch length (the targets: BENCHMARKS.md). Data is generated
// once under /tmp and reused. --counterparties: the many-parties population (`txscreen generate --counterparties N
// --lean-parties --benign-families none --illicit-share 0`),
// where most parties appear once or twice (issue 21: 1,000,000 records, 2,000,000 counterparties, within 1 GB
// without --max-memory); its section of BENCHMARKS.md is "memory-many-parties".
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { generatedRecords, MANY_PARTIES, ROOT } from './data.ts'
import { describeMachine } from './machine.ts'
import { measureBatch, type BatchFigures } from './measure-batch.ts'
import { fmtMiB, fmtRate, writeBenchmarks } from './report.ts'

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000,3000000' },
    accounts: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '42' },
    counterparties: { type: 'string' },
    threads: { type: 'string' },
    'max-memory': { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
})
const sizes = values.records.split(',').map(Number)
const accounts = Number(values.accounts)
const seed = Number(values.seed)
const counterparties = values.counterparties === undefined ? undefined : Number(values.counterparties)
const sparse = counterparties === undefined ? '' : ` --counterparties ${counterparties}`
// the generator's options for that population: the bench itself takes only --counterparties
const generateArgs = counterparties === undefined ? '' : `${sparse} ${MANY_PARTIES.join(' ')}`
const threadArgs = [...(values.threads ? ['--threads', values.threads] : []), ...(values['max-memory'] ? ['--max-memory', values['max-memory']] : [])]
const shownArgs = `${values.threads ? ` --threads ${values.threads}` : ''}${values['max-memory'] ? ` --max-memory ${values['max-memory']}` : ''}`

const results: { records: number; f: BatchFigures }[] = []
for (const records of sizes) {
  const input = await generatedRecords(seed, records, accounts, counterparties)
  process.stderr.write(`txscreen batch on ${records.toLocaleString('en-US')} records ...\n`)
  const f = await measureBatch(input, threadArgs)
  process.stderr.write(`  peak RSS ${fmtMiB(f.peakRssMiB)}, ${fmtRate(f.recordsPerSecond)}\n`)
  results.push({ records, f })
}

const machine = describeMachine()
const rows = results.map(({ records, f }) => `| ${records.toLocaleString('en-US')} | ${fmtMiB(f.peakRssMiB)} | ${fmtRate(f.recordsPerSecond)} | ${f.elapsedSeconds.toFixed(0)} s |`)
const peaks = results.map((r) => r.f.peakRssMiB ?? Number.NaN)
const growth = results.length > 1 ? (Math.max(...peaks) / Math.min(...peaks) - 1) * 100 : Number.NaN
const generated = [
  `Last run: \`npx tsx bench/memory.ts --records ${values.records} --accounts ${accounts}${sparse}${shownArgs}\` on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
  `(${machine.cores} cores, Node ${machine.node}, load average ${machine.load}; \`txscreen generate --seed ${seed} --accounts ${accounts}${generateArgs}\`, default rule pack, \`txscreen batch${shownArgs || ' (default threads)'}\`).`,
  '',
  '| records | peak RSS | throughput | screening time |',
  '|---:|---:|---:|---:|',
  ...rows,
  '',
  Number.isFinite(growth) ? `Largest over smallest peak: +${growth.toFixed(1)} % (issue 2 wants < 25 % between 1M and 3M).` : '',
  ...results
    .filter((r) => r.records >= (counterparties ? 1_000_000 : 10_000_000))
    .map((r) => `${r.records.toLocaleString('en-US')} records peaked at ${fmtMiB(r.f.peakRssMiB)}: ${(r.f.peakRssMiB ?? Infinity) <= 1024 ? 'within' : 'over'} 1 GiB (${counterparties ? 'issue 21' : 'issue 6'}).`),
].join('\n')
process.stdout.write(`${generated}\n`)
if (!values['no-write']) writeBenchmarks(join(ROOT, 'BENCHMARKS.md'), generated, counterparties ? 'memory-many-parties' : 'memory')
