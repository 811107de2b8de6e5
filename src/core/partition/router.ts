import type { ParsedLine } from '../io/parsed-line.ts'
import type { CompiledRuleset } from '../rules/compiled.ts'
import type { Case } from '../screen/cases.ts'
import { Screener } from '../screen/screener.ts'
import { lineHits, type ScreenOutput } from '../screen/stream.ts'
import type { TransferRecord } from '../record/schema.ts'
import type { Hit } from '../screen/verdict.ts'
import { partitionHitMerger } from './merge.ts'
import { PartitionPlan } from './plan.ts'

/** A line the partitions must screen: its record and the partitions to send it to, ascending (the graph partition last). */
export interface RoutedRecord {
  record: TransferRecord
  partitions: number[]
}

/**
 * The router's and merger's side of partitioned screening, in input order: `route` says which partitions a
 * line goes to (or gives its output at once: a line that does not parse, a currency without a rate), and
 * `verdict` turns the partitions' hits into the verdict, keeping the cases and the late-record count as one
 * screener would. Call `route` and `verdict` for the lines in input order.
 */
export class PartitionRouter {
  readonly plan: PartitionPlan
  readonly #merge: (record: TransferRecord, parts: readonly Hit[][]) => Hit[]
  /** a screener with no rules: the exchange-rate check, the lateness count, verdicts and cases */
  readonly #screener: Screener

  constructor(ruleset: CompiledRuleset, partitions: number, opts: { cases?: boolean; caseScope?: string } = {}) {
    this.plan = new PartitionPlan(ruleset, partitions)
    this.#merge = partitionHitMerger(ruleset)
    this.#screener = new Screener(ruleset, { rules: [], ...(opts.cases && { cases: true }), ...(opts.caseScope !== undefined && { caseScope: opts.caseScope }) })
  }

  route(line: ParsedLine): RoutedRecord | ScreenOutput {
    const checked = lineHits(this.#screener, line)
    if (!Array.isArray(checked)) return checked
    const record = (line as ParsedLine & { ok: true }).record
    return { record, partitions: [...this.plan.keyPartitionsOf(record), this.plan.graphPartition] }
  }

  /** the verdict of a routed record from its partitions' hits, given in the order of `partitions` */
  verdict(record: TransferRecord, parts: readonly Hit[][]): ScreenOutput {
    return this.#screener.verdict(record, this.#merge(record, parts))
  }

  cases(): Case[] {
    return this.#screener.cases()
  }

  get outOfOrder(): number {
    return this.#screener.outOfOrder
  }
}

/** whether `route` gave a record to send rather than an output */
export function isRouted(r: RoutedRecord | ScreenOutput): r is RoutedRecord {
  return 'partitions' in r
}
