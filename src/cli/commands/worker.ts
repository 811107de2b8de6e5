import { runPartitionWorker } from '../../batch/nats/partition-worker.ts'
import { parseCommand } from '../args.ts'
import { loadWatchlists } from '../load-ruleset.ts'

const USAGE = `usage: txscreen worker --nats URL [--run RUN] [--quiet]

A partition worker of entity-partitioned screening (docs/scale-out.md): it connects to NATS JetStream at URL,
watches for batches started with \`txscreen batch FILE --nats URL --partitions P\`, takes a share of their
partitions and screens the records routed to them. Run any number, on any machine that reaches NATS (with the
list files the batch names at the same paths). A worker killed and started again, here or elsewhere, takes its
partitions back, rebuilds their state from their newest snapshot and the stream after it, and goes on;
nothing is screened twice into the output.
--run RUN serves that batch only and exits when it ends (what \`batch --local-workers\` starts).
Stops on SIGTERM or SIGINT.`

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand('worker', USAGE, argv, {
    nats: { type: 'string' },
    run: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  })
  if (!args.ok) return args.code
  const { values } = args
  if (!values.nats || args.positionals.length > 0) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  const stop = new AbortController()
  if (process.channel) {
    // started by `batch --local-workers`: stop when that batch ends or dies
    process.channel.unref()
    process.once('disconnect', () => stop.abort())
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stop.abort()
      // hand the partitions back cleanly if the server answers soon; their leases expire otherwise
      setTimeout(() => process.exit(0), 10_000).unref()
    })
  }
  try {
    await runPartitionWorker({
      url: values.nats,
      ...(values.run && { run: values.run }),
      signal: stop.signal,
      loadWatchlists,
      log: (msg) => {
        if (!values.quiet) process.stderr.write(`txscreen worker: ${msg}\n`)
      },
    })
  } catch (err) {
    process.stderr.write(`txscreen worker: ${(err as Error).message}\n`)
    return 1
  }
  return 0
}
