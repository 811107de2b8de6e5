import { wordWeight, type NormalName } from './normalize-name.ts'

/**
 * A list is counted as if it sat among this many more entries that share none of its words: the frequencies of a
 * list of a few dozen names are chance, and leave its weights near their lengths.
 */
const BACKGROUND_ENTRIES = 1000
// added to a word's entry count, so that a word in two entries is not yet much lighter than a word in one
const SMOOTHING = 0.5
// the lightest a word gets, as a share of its length: even "mohammed" tells "mohammed ali" from "ali"
const MIN_FACTOR = 0.25

/**
 * How much a word of a name says about who is meant, from how many of the loaded list entries use it: an inverse
 * document frequency, scaled so that a word in one entry, or in none (most of a query's), weighs its full length.
 * On the OFAC SDN 2019 and UN lists "muhammad" (316 entries) weighs 0.39 of its length, "ali" (223) 0.43, "maria"
 * (62) 0.57, "gutierrez" (16) 0.73, "restrepo" (7) 0.82.
 * Entries, not names, are counted, so an entry's many aliases do not make its words common. Only words are weighed
 * so: particles, initials, legal forms and numbers keep their fixed light weights.
 */
export class TokenWeights {
  private readonly entriesWith = new Map<string, number>()
  private entries = 0
  /** the factors, worked out from the counts when first asked for (a query asks per word) */
  private factors: Map<string, number> | undefined

  /** Counts one entry's names. */
  addEntry(names: readonly NormalName[]): void {
    this.entries++
    this.factors = undefined
    const seen = new Set<string>()
    for (const name of names) {
      for (const t of name.tokens) {
        if (t.kind !== 'word' || seen.has(t.text)) continue
        seen.add(t.text)
        this.entriesWith.set(t.text, (this.entriesWith.get(t.text) ?? 0) + 1)
      }
    }
  }

  /** The share of its length a word of this text weighs, MIN_FACTOR to 1. */
  factor(text: string): number {
    return (this.factors ??= this.workOutFactors()).get(text) ?? 1
  }

  /** Sets the weight of each word token of `name` from its rarity (tokens shared between names are set once each time). */
  weigh(name: NormalName): void {
    const tokens = name.tokens
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!
      if (t.kind === 'word') t.weight = wordWeight(t.text, t.patronymic, this.factor(t.text))
    }
  }

  /** Factors under 1, by word: a word in at most one entry weighs its full length and is left out. */
  private workOutFactors(): Map<string, number> {
    const idf = (count: number) => Math.log((this.entries + BACKGROUND_ENTRIES) / (count + SMOOTHING))
    const full = idf(1)
    const factors = new Map<string, number>()
    for (const [text, count] of this.entriesWith) if (count > 1) factors.set(text, Math.max(MIN_FACTOR, idf(count) / full))
    return factors
  }
}
