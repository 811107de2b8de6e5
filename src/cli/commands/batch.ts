import { writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import cliProgress from 'cli-progress'
import { HeapPacer } from '../../batch/heap-pacer.ts'
import { startWorkers, ThreadedEngine } from '../../batch/threaded-engine.ts'
import { DEFAULT_SNAPSHOT_EVERY } from '../../batch/nats/protocol.ts'
import { RUN_ID } from '../../batch/nats/run-id.ts'
import type { NatsBatch } from '../nats-batch.ts'
import { InProcessEngine, PartitionedEngine, Screener, screenBytes, type ScreeningEngine } from '../../core/index.ts'
import { DEFAULT_RULES_DIR, parsedRuleCache, readRuleSources } from '../../rules-fs.ts'
import { parseCommand, singleInput } from '../args.ts'
import { BatchSummary } from '../batch-summary.ts'
import { EXPORT_HELP, exportChoice, exportUsage } from '../export-choice.ts'
import { heapBudget, outgrewHeap, rerunWithOldSpace, watchResidentMemory } from '../heap-budget.ts'
import { FORMAT_HELP, FORMAT_USAGE, namedFormat, openInput } from '../input-source.ts'
import { loadRulesetOrReport, loadWatchlists } from '../load-ruleset.ts'
import { LineWriter } from '../output.ts'
import type { WorkerSetup } from '../../batch/messages.ts'

const USAGE = `usage: txscreen batch <file|-> [--rules DIR] ${FORMAT_USAGE} [--out FILE] ${exportUsage('out', 'outputs')}
                      [--cases FILE] ${exportUsage('cases', 'cases')} [--list FORMAT:PATH ...] [--summary-json FILE]
                      [--threads N] [--max-memory MB] [--quiet]
                      [--partitions P [--nats URL [--local-workers N] [--snapshot-every N] [--run-id ID]]]

Screens every record and writes one output per input record, in input order: a verdict
{"id","score","decision","hits","ruleset"} or an error {"line","id"?,"error":{"code","message","path"}}.
${FORMAT_HELP}
${EXPORT_HELP}
--threads N splits the rules across N threads (default: the available cores; 1 screens in-process);
the output is byte-identical whatever N.
--partitions P screens the records entity-partitioned, in this process: P key partitions and a graph
partition, merged by transfer (docs/scale-out.md); the same output, the reference for the distributed paths.
--nats URL routes the records to the partitions' subjects on NATS JetStream at URL, where \`txscreen worker\`
processes screen them, and merges their hits (P defaults to 4); --local-workers N starts N such workers itself;
--snapshot-every N has each partition store a snapshot of its state every N records it screens (default
${DEFAULT_SNAPSHOT_EVERY}; 0: none), so a worker taking a partition over starts from it rather than from the start.
The run's id is a hash of the input file and the options (--run-id ID names it instead; from standard input
it is random without one): a router killed mid-run and started again with the same command resumes the run,
publishing only what was not published, and writes the whole output again, the same bytes.
--max-memory MB keeps the whole batch (all threads) within about MB MiB of resident memory by capping
each thread's heap and watching the process's resident memory (window pools live outside the heap); window state stays level however long the batch, so a cap costs collection time only,
as long as it holds the state of the records inside the longest window (docs/engine.md, "Sizing a batch").
Exit 0 when the batch ran (even with record errors), 2 for usage or rule errors, 1 when the state outgrew
--max-memory (the output then stops where the run did).`

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand('batch', USAGE, argv, {
    rules: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    'out-format': { type: 'string' },
    cases: { type: 'string' },
    'cases-format': { type: 'string' },
    list: { type: 'string', multiple: true },
    'summary-json': { type: 'string' },
    threads: { type: 'string' },
    partitions: { type: 'string' },
    nats: { type: 'string' },
    'local-workers': { type: 'string' },
    'snapshot-every': { type: 'string' },
    'run-id': { type: 'string' },
    'max-memory': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  })
  if (!args.ok) return args.code
  const { values } = args
  const input = singleInput(args.positionals, USAGE)
  if (!input) return 2
  let named, outExport, casesExport
  try {
    named = namedFormat(values.format)
    outExport = exportChoice('outputs', values['out-format'], values.out)
    casesExport = exportChoice('cases', values['cases-format'], values.cases)
  } catch (err) {
    process.stderr.write(`txscreen batch: ${(err as Error).message}\n`)
    return 2
  }

  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads)
  if (!Number.isSafeInteger(threads) || threads < 1) {
    process.stderr.write(`txscreen batch: --threads must be a positive integer, got "${values.threads}"\n`)
    return 2
  }

  const partitions = values.partitions === undefined ? (values.nats ? 4 : undefined) : Number(values.partitions)
  if (partitions !== undefined && (!Number.isSafeInteger(partitions) || partitions < 1)) {
    process.stderr.write(`txscreen batch: --partitions must be a positive integer, got "${values.partitions}"\n`)
    return 2
  }
  const localWorkers = values['local-workers'] === undefined ? 0 : Number(values['local-workers'])
  if (!Number.isSafeInteger(localWorkers) || localWorkers < 0 || (localWorkers > 0 && !values.nats)) {
    process.stderr.write(`txscreen batch: --local-workers takes a count of workers and needs --nats, got "${values['local-workers']}"\n`)
    return 2
  }
  const snapshotEvery = values['snapshot-every'] === undefined ? DEFAULT_SNAPSHOT_EVERY : Number(values['snapshot-every'])
  if (!Number.isSafeInteger(snapshotEvery) || snapshotEvery < 0 || (values['snapshot-every'] !== undefined && !values.nats)) {
    process.stderr.write(`txscreen batch: --snapshot-every takes a count of records and needs --nats, got "${values['snapshot-every']}"\n`)
    return 2
  }

  if (values['run-id'] !== undefined && (!values.nats || !RUN_ID.test(values['run-id']))) {
    process.stderr.write(`txscreen batch: --run-id takes letters, digits, - and _ (at most 64) and needs --nats, got "${values['run-id']}"\n`)
    return 2
  }

  let heapPerThreadMb: number | undefined
  if (values['max-memory'] !== undefined) {
    const budget = heapBudget(Number(values['max-memory']), threads)
    if (!Number.isFinite(Number(values['max-memory'])) || 'error' in budget) {
      process.stderr.write(`txscreen batch: ${'error' in budget ? budget.error : `--max-memory must be a number of MiB, got "${values['max-memory']}"`}\n`)
      return 2
    }
    heapPerThreadMb = budget.perThreadMb
    const rerun = await rerunWithOldSpace(heapPerThreadMb)
    if (rerun?.outOfMemory) {
      process.stderr.write(`txscreen batch: ${outgrewHeap(Number(values['max-memory']), heapPerThreadMb, threads)}\n`)
      return 1
    }
    if (rerun) return rerun.code
    // this is the capped process
    watchResidentMemory(Number(values['max-memory']))
  }

  // worker threads are slow to start and compile: they do it while this thread compiles the same files, loads
  // lists and opens the input (started after this thread's compile, a worker was still starting when the first
  // slices were screened, and this thread waited for it: BENCHMARKS.md, session scale25)
  const workers =
    threads > 1 && partitions === undefined ? startWorkers(threads - 1, await workerSetup(values.rules).catch(() => undefined), heapPerThreadMb) : []
  const stopWorkers = () => Promise.all(workers.map((w) => w.close()))
  const ruleset = await loadRulesetOrReport(values.rules, 'txscreen batch')
  if (!ruleset) {
    await stopWorkers()
    return 2
  }
  let stopNats = async (): Promise<void> => {}
  let watchlists
  try {
    watchlists = await loadWatchlists(values.list)
  } catch (err) {
    process.stderr.write(`txscreen batch: ${(err as Error).message}\n`)
    await stopWorkers()
    return 2
  }
  let source
  let engine: ScreeningEngine
  let nats: NatsBatch | undefined
  try {
    source = await openInput(input, named)
    if (values.nats) {
      // the NATS client is loaded only when asked for: it is a sizeable part of the CLI's start
      const [{ NatsBatch }, { runIdOf }] = await Promise.all([import('../nats-batch.ts'), import('../../batch/nats/run-id.ts')])
      const runId =
        values['run-id'] ??
        (await runIdOf(input, {
          partitions: partitions!, version: ruleset.version, lists: values.list ?? [], snapshotEvery, cases: values.cases !== undefined, format: values.format,
        }))
      nats = await NatsBatch.open(values.nats, localWorkers, runId)
      stopNats = () => nats!.close()
    }
    // the workers compile the same files; the version (a content hash) proves they did
    engine =
      nats !== undefined
        ? nats.engine({
            ruleset, partitions: partitions!, cases: values.cases !== undefined, lists: values.list ?? [], snapshotEvery,
            ...(!values.quiet && { onResume: (note: string) => process.stderr.write(`txscreen batch: ${note}\n`) }),
            sources: await readRuleSources(values.rules ?? DEFAULT_RULES_DIR),
          })
        : partitions !== undefined
        ? new PartitionedEngine(ruleset, partitions, { cases: values.cases !== undefined, ...(watchlists && { watchlists }) })
        : workers.length > 0
        ? new ThreadedEngine({ ruleset, workers, cases: values.cases !== undefined, ...(watchlists && { watchlists }) })
        : new InProcessEngine(new Screener(ruleset, { cases: values.cases !== undefined, ...(watchlists && { watchlists }) }))
  } catch (err) {
    process.stderr.write(`txscreen batch: cannot read ${input}: ${(err as Error).message}\n`)
    await stopWorkers()
    await stopNats()
    return 2
  }

  const writer = new LineWriter(values.out)
  const summary = new BatchSummary(ruleset.latenessMs)
  const bar =
    process.stderr.isTTY && !values.quiet && source.totalBytes
      ? new cliProgress.SingleBar(
          { format: 'screening [{bar}] {percentage}% | {records} records | {rate} rec/s | eta {eta}s', stream: process.stderr },
          cliProgress.Presets.shades_classic,
        )
      : undefined
  bar?.start(source.totalBytes!, 0, { records: 0, rate: 0 })

  // this thread's heap (its share of the state, the lines in flight) kept near its live size
  const pacer = new HeapPacer()
  if (outExport.header) await writer.write(outExport.header)
  try {
    for await (const { outputs } of screenBytes(source.blocks, source.format, engine)) {
      for (const out of outputs) summary.add(out)
      pacer.screened(outputs.length)
      await writer.write(outExport.encode(outputs))
      bar?.update(source.bytesRead(), { records: summary.records, rate: Math.round(summary.records / summary.elapsedSeconds) })
    }
  } finally {
    await stopNats()
  }
  bar?.stop()
  await writer.close()
  summary.outOfOrder = engine.outOfOrder
  if (engine instanceof ThreadedEngine) summary.countCpu(engine.workerCpuSeconds, { main: engine.waitSeconds, workers: engine.workerIdleSeconds })
  else summary.countCpu([])

  if (values.cases) {
    const found = engine.cases()
    await writeFile(values.cases, casesExport.header + casesExport.encode(found))
  }
  if (values['summary-json']) await writeFile(values['summary-json'], JSON.stringify(summary.toJSON(), null, 2) + '\n')
  if (!values.quiet) process.stderr.write(`${summary.format()}\n`)
  if (!values.quiet && nats) process.stderr.write(`${nats.trafficLine(summary.records)}\n`)
  return 0
}

/** the rule files for the screening threads, with the build's parsed values of those it holds (they skip the YAML) */
async function workerSetup(rules: string | undefined): Promise<WorkerSetup> {
  const sources = await readRuleSources(rules ?? DEFAULT_RULES_DIR)
  const cache = await parsedRuleCache()
  const parsed = sources.flatMap((s): [string, unknown][] => (cache.has(s.text) ? [[s.text, cache.get(s.text)]] : []))
  return { sources, parsed }
}
