import {
  hitMerger, lineHits, measureRuleActivity, Screener,
  type Case, type CompiledRuleset, type Hit, type ParsedLine, type ScreenedSlice, type ScreeningEngine, type ScreenOutput,
  type TransferRecord, type Watchlists,
} from '../core/index.ts'
import type { CpuMessage, HitsMessage, WorkerSetup } from './messages.ts'
import { partitionRules } from './partition.ts'
import { RecordEncoder } from './record-codec.ts'
import { WorkerLink } from './worker-link.ts'

export interface ThreadedOptions {
  ruleset: CompiledRuleset
  watchlists?: Watchlists
  cases: boolean
  /** started with `startWorkers`; the rules are split over this thread and these */
  workers: WorkerLink[]
}

/** Screening threads started early, so they compile the rules while this thread compiles them, loads lists and opens the input. */
export function startWorkers(count: number, setup: WorkerSetup | undefined, heapMb?: number): WorkerLink[] {
  // no setup: the rule files could not be read, which the main thread's own compile reports
  if (setup === undefined) return []
  return Array.from({ length: count }, () => new WorkerLink(setup, heapMb))
}

/**
 * Slices handed to the workers and not yet answered, at most. This thread waits only when a worker is this
 * far behind; a wait costs a wake-up, which on a busy machine is slow, so it must be rare. A slice is at most
 * `SLICE_LINES` records. Records kept waiting outlive young collections and fill the old generation with
 * garbage that stays until a full collection: with 32 slices a 1M-record batch peaked about 240 MiB higher
 * (BENCHMARKS.md, session mem24).
 */
const MAX_PENDING = 4

/**
 * Records the rules' costs are measured on before they are split: the batch's first ones. The workers wait
 * for the split, and measuring runs every rule's filters in code not yet optimised (about 25 µs a record);
 * 1,024 records split the default pack as 4,096 do to within 1 % of a share's cost (BENCHMARKS.md, session
 * threads27).
 */
const SAMPLE_RECORDS = 1024

/**
 * What this thread does besides its rules, in `ruleCost` units a record: decoding and validating every line,
 * encoding the records for the workers, merging, verdicts and writing. Most of it grows with the size of a
 * record, measured as the JSON text of the sampled records. Fitted to the per-thread CPU of two-thread batches
 * (`--summary-json`): about 16 units on the seed-42 file (about 600 bytes a record) and 10-12 on the
 * many-parties one (about 330 bytes), where a flat 20 left the worker 12-22 % busier than this thread
 * (BENCHMARKS.md, session scale25).
 */
export function mainThreadWork(sample: readonly TransferRecord[]): number {
  if (sample.length === 0) return MAIN_THREAD_WORK_BASE + MAIN_THREAD_WORK_PER_CHAR * 600
  let chars = 0
  for (const r of sample) chars += JSON.stringify(r).length
  return MAIN_THREAD_WORK_BASE + (MAIN_THREAD_WORK_PER_CHAR * chars) / sample.length
}
const MAIN_THREAD_WORK_BASE = 4
const MAIN_THREAD_WORK_PER_CHAR = 0.02

/** a slice screened with this thread's rules, waiting for the workers' hits */
interface PendingSlice {
  lines: readonly ParsedLine[]
  own: (Hit[] | ScreenOutput)[]
  replies: Promise<HitsMessage>[]
  answered: HitsMessage[] | undefined
}

const NO_HITS: Hit[] = []

/**
 * Screens a batch on several threads by splitting the rules, not the records: every thread sees every
 * record in input order and keeps the full state of its rules, so rules that need the sender's and the
 * receiver's state together (pass-through, cycles, fan-in) stay exact. This thread decodes and validates
 * each line once (the pipeline does), hands the records to the workers in a compact form (`record-codec.ts`),
 * runs share 0, merges the hits in ruleset order and builds the verdicts, cases included: byte-identical to
 * the in-process engine. The workers are closed when the batch ends.
 */
export class ThreadedEngine implements ScreeningEngine {
  readonly #opts: ThreadedOptions
  readonly #merge: (parts: Hit[][]) => Hit[]
  readonly #encoder = new RecordEncoder()
  /** this thread's share; it screens every record, so it counts them all and keeps the cases */
  #screener: Screener | undefined
  #workers: WorkerLink[] = []
  #workerUsage: CpuMessage[] = []
  /** wall time this thread spent waiting for the workers' hits, in ms */
  #waitMs = 0

  constructor(opts: ThreadedOptions) {
    this.#opts = opts
    this.#merge = hitMerger(opts.ruleset)
  }

  cases(): Case[] {
    return this.#screener?.cases() ?? []
  }

  get outOfOrder(): number {
    return this.#screener?.outOfOrder ?? 0
  }

  /** once the batch is screened: CPU seconds each worker's thread spent from getting its share to its last slice */
  get workerCpuSeconds(): readonly (number | undefined)[] {
    return this.#workerUsage.map((u) => u.cpuSeconds)
  }

  /** once the batch is screened: seconds each worker had nothing to screen, from getting its share to its last slice */
  get workerIdleSeconds(): readonly number[] {
    return this.#workerUsage.map((u) => u.idleSeconds)
  }

  /** seconds this thread waited for the workers' hits (it had screened its share and could hand nothing on) */
  get waitSeconds(): number {
    return this.#waitMs / 1000
  }

  async *screen(slices: AsyncIterable<readonly ParsedLine[]>): AsyncGenerator<ScreenedSlice> {
    const pending: PendingSlice[] = []
    try {
      const source = slices[Symbol.asyncIterator]()
      // the rules are split by what they cost on this batch, measured on its first records
      const early: (readonly ParsedLine[])[] = []
      for (let sampled = 0; sampled < SAMPLE_RECORDS; ) {
        const next = await source.next()
        if (next.done) break
        early.push(next.value)
        sampled += next.value.length
      }
      this.#split(early.flat().flatMap((p) => (p.ok ? [p.record] : [])))

      const take = async (): Promise<readonly ParsedLine[] | undefined> => {
        if (early.length > 0) return early.shift()
        const next = await source.next()
        return next.done ? undefined : next.value
      }
      for (let lines = await take(); lines !== undefined; lines = await take()) {
        pending.push(this.#post(lines))
        // hand on every slice already answered; wait only when the workers are far behind
        while (pending.length > 0 && (pending[0]!.answered !== undefined || pending.length > MAX_PENDING)) {
          const done = pending.shift()!
          yield this.#finish(done, done.answered ?? (await this.#replies(done)))
        }
      }
      for (const done of pending.splice(0)) yield this.#finish(done, await this.#replies(done))
      this.#workerUsage = await Promise.all(this.#workers.map((w) => w.usage()))
    } finally {
      await Promise.all(this.#opts.workers.map((w) => w.close()))
    }
  }

  /** the workers' hits for a slice not yet answered, the wait counted */
  async #replies(slice: PendingSlice): Promise<HitsMessage[]> {
    const from = performance.now()
    try {
      return await Promise.all(slice.replies)
    } finally {
      this.#waitMs += performance.now() - from
    }
  }

  /** splits the rules over this thread and the workers by their cost on `sample` */
  #split(sample: readonly TransferRecord[]): void {
    const { ruleset, watchlists, workers, cases } = this.#opts
    const shares = partitionRules(ruleset, workers.length + 1, {
      activity: measureRuleActivity(ruleset, sample),
      listsLoaded: watchlists !== undefined,
      mainThreadWork: mainThreadWork(sample),
    })
    this.#screener = new Screener(ruleset, { cases, rules: shares[0]!, ...(watchlists && { watchlists }) })
    // fewer shares than threads (a tiny ruleset): the other workers stay idle until closed
    this.#workers = workers.slice(0, shares.length - 1)
    this.#workers.forEach((w, i) => w.assign(shares[i + 1]!, ruleset.version))
  }

  /** sends a slice to the workers and screens it with this thread's share */
  #post(lines: readonly ParsedLine[]): PendingSlice {
    const records = this.#encoder.encode(lines)
    const workers = this.#workers
    // each worker owns what it is sent (the tokens are transferred): the last gets them, the others copies
    const replies = workers.map((w, i) => w.post(i === workers.length - 1 ? records : { ...records, tokens: records.tokens.slice() }))
    const slice: PendingSlice = { lines, own: lines.map((p) => lineHits(this.#screener!, p)), replies, answered: undefined }
    // a rejected reply is awaited later; keep Node from reporting it as unhandled meanwhile
    Promise.all(replies).then((r) => (slice.answered = r), () => {})
    return slice
  }

  /** the verdicts of a slice, once its workers' hits are in */
  #finish(slice: PendingSlice, replies: HitsMessage[]): ScreenedSlice {
    const cursors = replies.map(() => 0)
    const outputs: ScreenOutput[] = new Array(slice.lines.length)
    for (let i = 0; i < slice.lines.length; i++) {
      const own = slice.own[i]!
      if (!Array.isArray(own)) {
        outputs[i] = own
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
      outputs[i] = this.#screener!.verdict((slice.lines[i] as { record: TransferRecord }).record, this.#merge(parts))
    }
    return { lines: slice.lines, outputs }
  }
}
