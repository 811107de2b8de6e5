import { Rng } from './prng.ts'

/**
 * Stress for planted instances only (`--amount-scale`, `--gap-scale`): fee-sized amounts and the days between an
 * instance's steps are multiplied, so a rule that leans on the generator's ranges rather than on the pattern shows
 * it. Threshold-tied amounts (structuring just under a reporting threshold) are not scaled: the threshold is the
 * pattern. 1 and 1 leave a run byte-identical to one without them.
 */
export interface Stress {
  amountScale: number
  gapScale: number
}

export const NO_STRESS: Stress = { amountScale: 1, gapScale: 1 }

/**
 * Shape parameters fixed for one run. A typology's smallest count, share, gap or group size is not a constant
 * but drawn once per seed from a documented range (docs/data.md), so a rule threshold set at one seed's minimum
 * misses part of another seed's instances, as it would on data it was never tuned on.
 */
export class Knobs {
  private readonly values = new Map<string, number>()

  constructor(private readonly seed: number) {}

  /** an integer in [lo, hi], the same for every call with this key in this run */
  int(key: string, lo: number, hi: number): number {
    let v = this.values.get(key)
    if (v === undefined) {
      v = Rng.derive(this.seed, `knob:${key}`).int(lo, hi)
      this.values.set(key, v)
    }
    return v
  }
}
