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
 * document frequency. "mohammed", "ali" or "maria", in hundreds of entries, weigh a third of their length or less;
 * "gutierrez" in a dozen about two thirds; a word in one entry, or in none (most of a query's), its full length.
 * Entries, not names, are counted, so an entry's many aliases do not make its words common. Only words are weighed
 * so: particles, initials, legal forms and numbers keep their fixed light weights.
 */
export class TokenWeights {
  private readonly entriesWith = new Map<string, number>()
  private entries = 0
  private scale = 1

  /** Counts one entry's names. */
  addEntry(names: readonly NormalName[]): void {
    this.entries++
    const seen = new Set<string>()
    for (const name of names) {
      for (const t of name.tokens) {
        if (t.kind !== 'word' || seen.has(t.text)) continue
        seen.add(t.text)
        this.entriesWith.set(t.text, (this.entriesWith.get(t.text) ?? 0) + 1)
      }
    }
    this.scale = 1 / this.idf(1)
  }

  /** The share of its length a word of this text weighs, MIN_FACTOR to 1. */
  factor(text: string): number {
    const count = this.entriesWith.get(text)
    if (count === undefined || count <= 1) return 1
    return Math.max(MIN_FACTOR, this.idf(count) * this.scale)
  }

  /** How many entries use the word. */
  entriesUsing(text: string): number {
    return this.entriesWith.get(text) ?? 0
  }

  /** Sets the weight of each word token of `name` from its rarity (tokens shared between names are set once each time). */
  weigh(name: NormalName): void {
    const tokens = name.tokens
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!
      if (t.kind === 'word') t.weight = wordWeight(t.text, t.patronymic, this.factor(t.text))
    }
  }

  private idf(count: number): number {
    return Math.log((this.entries + BACKGROUND_ENTRIES) / (count + SMOOTHING))
  }
}
