/**
 * Multi-word phrases looked up by their first token, longest first, so "open joint stock company" wins over "open".
 * Built once per table; a lookup costs one Map access per token.
 */
export class PhraseTable<V> {
  private readonly byFirst = new Map<string, { words: string[]; value: V }[]>()

  constructor(entries: Iterable<[phrase: string, value: V]>) {
    for (const [phrase, value] of entries) {
      const words = phrase.split(' ').filter((w) => w !== '')
      const first = words[0]
      if (first === undefined) continue
      let list = this.byFirst.get(first)
      if (!list) this.byFirst.set(first, (list = []))
      list.push({ words, value })
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length)
  }

  /** The longest phrase starting at tokens[at]: its length in tokens and its value. */
  match(tokens: readonly string[], at: number): { length: number; value: V } | undefined {
    const list = this.byFirst.get(tokens[at]!)
    if (!list) return undefined
    outer: for (const { words, value } of list) {
      if (at + words.length > tokens.length) continue
      for (let k = 1; k < words.length; k++) if (tokens[at + k] !== words[k]) continue outer
      return { length: words.length, value }
    }
    return undefined
  }
}
