import type { ParsedLine } from '../io/parsed-line.ts'
import type { CompiledRuleset } from '../rules/compiled.ts'
import type { Watchlists } from '../rules/watchlist-port.ts'
import type { Case } from '../screen/cases.ts'
import type { ScreenedSlice, ScreeningEngine } from '../screen/engine.ts'
import type { ScreenOutput } from '../screen/stream.ts'
import { PartitionScreener } from './partition-screener.ts'
import { isRouted, PartitionRouter } from './router.ts'

/**
 * Every partition in this process: the reference the distributed paths (NATS workers, Durable Objects)
 * are checked against, and `txscreen batch --partitions P` without `--nats`. Its outputs are those of
 * one screener running every rule.
 */
export class PartitionedEngine implements ScreeningEngine {
  readonly #router: PartitionRouter
  readonly #partitions: PartitionScreener[]

  constructor(ruleset: CompiledRuleset, partitions: number, opts: { cases?: boolean; watchlists?: Watchlists } = {}) {
    this.#router = new PartitionRouter(ruleset, partitions, { ...(opts.cases && { cases: true }) })
    const w = opts.watchlists ? { watchlists: opts.watchlists } : {}
    this.#partitions = this.#router.plan.all.map((p) => new PartitionScreener(this.#router.plan, p, w))
  }

  async *screen(slices: AsyncIterable<readonly ParsedLine[]>): AsyncGenerator<ScreenedSlice> {
    for await (const lines of slices) {
      const outputs: ScreenOutput[] = new Array(lines.length)
      for (let i = 0; i < lines.length; i++) {
        const routed = this.#router.route(lines[i]!)
        outputs[i] = isRouted(routed)
          ? this.#router.verdict(routed.record, routed.partitions.map((p) => this.#partitions[p]!.hits(routed.record)))
          : routed
      }
      yield { lines, outputs }
    }
  }

  cases(): Case[] {
    return this.#router.cases()
  }

  get outOfOrder(): number {
    return this.#router.outOfOrder
  }
}
