import { systemClock, type Clock } from '../core/index.ts'
import type { RateLimits } from '../service/deps.ts'
import { Problem } from './problem.ts'

export type RateClass = keyof RateLimits

interface Bucket {
  tokens: number
  at: number
}

/**
 * Token buckets per API key and class of request, held in this process: each key may make `rate` requests a
 * second, in bursts of up to one second's worth. Past that a request is refused with 429 and a Retry-After
 * saying when a token is back. One Map lookup and a little arithmetic per request.
 */
export class RateLimiter {
  // one map per class, keyed by the key's id as it is: no new string to build and hash per request
  readonly #buckets: Record<RateClass, Map<string, Bucket>> = { screenPerSecond: new Map(), apiPerSecond: new Map() }
  readonly #clock: Clock
  /** refusals so far, by class (read by metrics) */
  readonly refused: Record<RateClass, number> = { screenPerSecond: 0, apiPerSecond: 0 }

  constructor(
    readonly limits: RateLimits,
    clock: Clock = systemClock,
  ) {
    this.#clock = clock
  }

  /** Takes one token for `keyId`, or throws a 429 problem. */
  take(keyId: string, kind: RateClass): void {
    const rate = this.limits[kind]
    if (rate <= 0) return
    const now = this.#clock.now()
    const buckets = this.#buckets[kind]
    let bucket = buckets.get(keyId)
    if (!bucket) buckets.set(keyId, (bucket = { tokens: rate, at: now }))
    else {
      bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) * rate) / 1000)
      bucket.at = now
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return
    }
    this.refused[kind]++
    const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / rate))
    throw new Problem(
      429,
      'rate-limited',
      'Too many requests',
      `This API key may make ${rate} ${kind === 'screenPerSecond' ? 'screening calls' : 'requests'} a second; retry after ${seconds} s.`,
      { limit: rate },
      { 'retry-after': String(seconds) },
    )
  }
}
