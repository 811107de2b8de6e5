import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * Heap used after a collection may grow by this factor before this thread collects itself. V8 lets an old
 * generation grow up to 4 times its live size between full collections when it judges it collects fast enough
 * (an idle machine): a 1M-record batch peaked at over 2 GiB with about 600 MiB of live heap (BENCHMARKS.md,
 * session mem25). Lower means a smaller peak and more collections (1.25 against 1.5: BENCHMARKS.md, end of the
 * sixth session of 2026-12-07).
 */
const GROWTH = 1.25
/** ...but never within this much of the last live size, so a small heap is not collected over and over */
const MIN_HEADROOM = 64 * 2 ** 20
/** records between two looks at the heap: a look costs a call into V8, a collection grows by far more in between */
const LOOK_EVERY = 1024

/**
 * Keeps a batch thread's heap within `GROWTH` times its live size by running a full collection when it has
 * grown past that: a batch's state has a steady size, but what it frees (windows and parties gone idle, records
 * screened) is promoted garbage that V8 would leave in place for long. Not for the server: its collections are
 * pauses in its answers. Without a way to collect (never, in practice), does nothing.
 */
export class HeapPacer {
  readonly #collect: (() => void) | undefined
  /** heap used just after the last collection, this thread's or V8's (used falls below it) */
  #live = 0
  #sinceLook = 0
  /** full collections this pacer ran */
  collections = 0

  readonly #used: () => number

  /** `collect` runs a full collection (null: none), `used` reads the heap used; both this thread's own by default */
  constructor(collect: (() => void) | null = fullCollection() ?? null, used = () => getHeapStatistics().used_heap_size) {
    this.#collect = collect ?? undefined
    this.#used = used
  }

  /** `records` more records screened by this thread */
  screened(records: number): void {
    this.#sinceLook += records
    if (this.#sinceLook < LOOK_EVERY || this.#collect === undefined) return
    this.#sinceLook = 0
    const used = this.#used()
    if (used < this.#live) this.#live = used
    if (used <= Math.max(this.#live * GROWTH, this.#live + MIN_HEADROOM)) return
    this.#collect()
    this.collections++
    this.#live = this.#used()
  }
}

/**
 * A full collection of this thread's heap: V8's own `gc()`, which Node exposes only with `--expose-gc`. The flag
 * set now holds for contexts made after it, such as this one-line context's; a worker started later sees `gc`
 * as a global too (harmless: nothing else calls it).
 */
function fullCollection(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (typeof exposed === 'function') return exposed
  try {
    setFlagsFromString('--expose-gc')
    const gc: unknown = runInNewContext('gc')
    return typeof gc === 'function' ? (gc as () => void) : undefined
  } catch {
    return undefined
  }
}
