import {
  hitMerger, lineHits, measureRuleActivity, Screener,
  type Case, type CompiledRuleset, type Hit, type InputFormat, type ParsedLine, type ScreenOutput, type TransferRecord, type Watchlists,
} from '../core/index.ts'
import { BlockDecoder } from './block-decoder.ts'
import type { HitsMessage, WorkerSetup } from './messages.ts'
import { partitionRules } from './partition.ts'
import { RecordEncoder } from './record-codec.ts'
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
 * Slices handed to the workers and not yet answered, at most. This thread waits only when a worker is this
 * far behind; a wait costs a wake-up, which on a busy machine is milliseconds, so it must be rare. A slice is
 * about 128 records (`BlockDecoder`): the records and hits kept meanwhile are few enough to die young.
 */
const MAX_PENDING = 32

/**
 * What this thread does besides its rules, in `ruleCost` units: decoding and validating every line, encoding
 * the records for the workers, merging, verdicts and writing. 20 balanced the two threads' CPU time on the
 * default pack (8.99 and 8.96 s over 200,000 records; 9.05 and 8.58 with 14, and 0 left this thread the slower).
 */
const MAIN_THREAD_WORK = 20

/** a slice screened with this thread's rules, waiting for the workers' hits */
interface PendingSlice {
  parsed: ParsedLine[]
  own: (Hit[] | ScreenOutput)[]
  replies: Promise<HitsMessage>[]
  answered: HitsMessage[] | undefined
}

const NO_HITS: Hit[] = []

/**
 * Screens a batch on several threads by splitting the rules, not the records: every thread sees every
 * record in input order and keeps the full state of its rules, so rules that need the sender's and the
 * receiver's state together (pass-through, cycles, fan-in) stay exact. This thread reads, decodes and
 * validates each line once, hands the records to the workers in a compact form (`record-codec.ts`), runs
 * share 0, merges the hits in ruleset order and builds the verdicts, cases included: byte-identical to one thread.
 */
export function screenThreaded(
  blocks: AsyncIterable<Uint8Array>,
  opts: ThreadedOptions,
): { cases(): Case[]; outOfOrder(): number; outputs: AsyncIterable<ScreenOutput[]> } {
  const merge = hitMerger(opts.ruleset)
  const decoder = new BlockDecoder(opts.format)
  const encoder = new RecordEncoder()
  let screener: Screener | undefined

  /** the verdicts of a slice, once its workers' hits are in */
  function finish(slice: PendingSlice, replies: HitsMessage[]): ScreenOutput[] {
    const cursors = replies.map(() => 0)
    const out: ScreenOutput[] = new Array(slice.parsed.length)
    for (let i = 0; i < slice.parsed.length; i++) {
      const own = slice.own[i]!
      if (!Array.isArray(own)) {
        out[i] = own
        continue
      }
      const parts: Hit[][] = [own]
      for (let w = 0; w < replies.length; w++) {
        const sparse = replies[w]!.hits
        const c = cursors[w]!
        if (c < sparse.length && sparse[c]![0] === i) {
          parts.push(sparse[c]![1])
          cursors[w] = c + 1
        } else parts.push(NO_HITS)
      }
      out[i] = screener!.verdict((slice.parsed[i] as { record: TransferRecord }).record, merge(parts))
    }
    return out
  }

  async function* outputs(): AsyncGenerator<ScreenOutput[]> {
    const pending: PendingSlice[] = []
    try {
      const source = blocks[Symbol.asyncIterator]()
      // the rules are split by what they cost on this batch, measured on its first block
      const first = await source.next()
      const shares = partitionRules(opts.ruleset, opts.workers.length + 1, {
        activity: measureRuleActivity(opts.ruleset, first.done ? [] : sample(opts.format, first.value)),
        listsLoaded: opts.watchlists !== undefined,
        mainThreadWork: MAIN_THREAD_WORK,
      })
      screener = new Screener(opts.ruleset, { cases: opts.cases, rules: shares[0]!, ...(opts.watchlists && { watchlists: opts.watchlists }) })
      // fewer shares than threads (a tiny ruleset): the other workers stay idle until closed
      const workers = opts.workers.slice(0, shares.length - 1)
      workers.forEach((w, i) => w.assign(shares[i + 1]!, opts.ruleset.version))

      let next: IteratorResult<Uint8Array> = first
      for (let ended = false; !ended; ) {
        ended = next.done === true
        for (const parsed of decoder.slices(ended ? null : next.value)) {
          if (parsed.length === 0) continue
          const records = encoder.encode(parsed)
          // each worker owns what it is sent (the tokens are transferred): the last gets them, the others copies
          const replies = workers.map((w, i) => w.post(i === workers.length - 1 ? records : { ...records, tokens: records.tokens.slice() }))
          const slice: PendingSlice = { parsed, own: parsed.map((p) => lineHits(screener!, p)), replies, answered: undefined }
          // a rejected reply is awaited below; keep Node from reporting it as unhandled meanwhile
          Promise.all(replies).then((r) => (slice.answered = r), () => {})
          pending.push(slice)
          // hand on every slice already answered; wait only when the workers are far behind
          while (pending.length > 0 && (pending[0]!.answered !== undefined || pending.length > MAX_PENDING)) {
            const done = pending.shift()!
            yield finish(done, done.answered ?? (await Promise.all(done.replies)))
          }
        }
        if (!ended) next = await source.next()
      }
      for (const done of pending.splice(0)) yield finish(done, await Promise.all(done.replies))
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
