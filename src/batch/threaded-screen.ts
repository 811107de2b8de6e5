import {
  hitMerger, measureRuleActivity, Screener, screenLine,
  type Case, type CompiledRuleset, type Hit, type InputFormat, type ScreenOutput, type TransferRecord, type Watchlists,
} from '../core/index.ts'
import { BlockDecoder } from './block-decoder.ts'
import { partitionRules } from './partition.ts'
import type { HitsMessage, WorkerSetup } from './messages.ts'
import { WorkerLink } from './worker-link.ts'

export interface ThreadedOptions {
  format: InputFormat
  ruleset: CompiledRuleset
  watchlists?: Watchlists
  cases: boolean
  /** started with `startWorkers`; the rules are split over this thread and these */
  workers: WorkerLink[]
}

/** Screening threads started early, so they compile the rules while this thread loads lists and opens the input. */
export function startWorkers(count: number, setup: WorkerSetup, heapMb?: number): WorkerLink[] {
  return Array.from({ length: count }, () => new WorkerLink(setup, heapMb))
}

/**
 * Blocks go to the workers up to this many ahead. Blocks are large (`BLOCK_BYTES`, about 3,500 records):
 * every time this thread has to wait for a worker costs a wake-up, which on a busy machine is milliseconds,
 * so hand-offs must be rare (64 KiB reads of ~100 lines each halved the speed on a loaded 2-core machine).
 */
const READ_AHEAD = 4
const NO_HITS: Hit[] = []

/**
 * Screens a batch on several threads by splitting the rules, not the records: every thread sees every
 * record in input order and keeps the full state of its rules, so rules that need the sender's and the
 * receiver's state together (pass-through, cycles, fan-in) stay exact. This thread decodes, runs share 0,
 * merges the hits in ruleset order and builds the verdicts, cases included: byte-identical to one thread.
 */
export function screenThreaded(
  blocks: AsyncIterable<Uint8Array>,
  opts: ThreadedOptions,
): { cases(): Case[]; outOfOrder(): number; outputs: AsyncIterable<ScreenOutput[]> } {
  const merge = hitMerger(opts.ruleset)
  const decoder = new BlockDecoder(opts.format)
  let screener: Screener | undefined

  async function* outputs(): AsyncGenerator<ScreenOutput[]> {
    const source = blocks[Symbol.asyncIterator]()
    // blocks handed to the workers and not screened here yet; null is the end of the input
    const inflight: { bytes: Uint8Array | null; replies: Promise<HitsMessage>[] }[] = []
    try {
      // the rules are split by what they cost on this batch, measured on its first block
      const first = await source.next()
      const shares = partitionRules(opts.ruleset, opts.workers.length + 1, {
        activity: measureRuleActivity(opts.ruleset, first.done ? [] : sample(opts.format, first.value)),
        listsLoaded: opts.watchlists !== undefined,
      })
      screener = new Screener(opts.ruleset, { cases: opts.cases, rules: shares[0]!, ...(opts.watchlists && { watchlists: opts.watchlists }) })
      // fewer shares than threads (a tiny ruleset): the other workers stay idle until closed
      const workers = opts.workers.slice(0, shares.length - 1)
      workers.forEach((w, i) => w.assign(shares[i + 1]!, opts.ruleset.version))
      // each worker gets its own copy to own; this thread keeps the original until it screens the block
      const send = (bytes: Uint8Array | null) => inflight.push({ bytes, replies: workers.map((w) => w.post(bytes && new Uint8Array(bytes))) })
      let ended = first.done === true
      send(first.done ? null : first.value)
      for (;;) {
        while (!ended && inflight.length < READ_AHEAD) {
          const next = await source.next()
          ended = next.done === true
          send(next.done ? null : next.value)
        }
        const block = inflight.shift()
        if (!block) break
        // a rejected reply is awaited below; keep Node from reporting it as unhandled meanwhile
        for (const r of block.replies) r.catch(() => {})
        const replies = await Promise.all(block.replies)
        const cursors = replies.map(() => 0)
        let i = 0
        // screened and handed on a slice at a time, so records and verdicts die young (see BlockDecoder)
        for (const parsed of decoder.slices(block.bytes)) {
          const out: ScreenOutput[] = new Array(parsed.length)
          for (let k = 0; k < parsed.length; k++, i++) {
            out[k] = screenLine(screener!, parsed[k]!, (own) => {
              const parts: Hit[][] = [own]
              for (let w = 0; w < replies.length; w++) {
                const sparse = replies[w]!.hits
                const c = cursors[w]!
                if (c < sparse.length && sparse[c]![0] === i) {
                  parts.push(sparse[c]![1])
                  cursors[w] = c + 1
                } else parts.push(NO_HITS)
              }
              return merge(parts)
            })
          }
          if (out.length > 0) yield out
        }
      }
    } finally {
      await Promise.all(opts.workers.map((w) => w.close()))
    }
  }

  // this thread screens every record (with its share of the rules), so its screener counts them all
  return { cases: () => screener?.cases() ?? [], outOfOrder: () => screener?.outOfOrder ?? 0, outputs: outputs() }
}

/** the valid records of a batch's first block, decoded on their own (a CSV header is among them) */
function sample(format: InputFormat, bytes: Uint8Array): TransferRecord[] {
  const d = new BlockDecoder(format)
  return [...d.decode(bytes), ...d.decode(null)].flatMap((p) => (p.ok ? [p.record] : []))
}
