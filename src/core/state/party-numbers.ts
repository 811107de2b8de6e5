import { grown } from './grown.ts'

/**
 * Party keys as small numbers, one set per screener, shared by the state keyed by the same strings (the `id`
 * entity table and the transfer graphs): a record's sender and receiver are hashed once, and each holder keeps a
 * number column (`Int32Array`) instead of a `Map` and key strings of its own. Each holder `hold`s a number while
 * it keeps something under it and `letGo`es after; the last one's `letGo` frees the number for the next new key.
 */
export class PartyNumbers {
  private readonly byText = new Map<string, number>()
  /** per number: its key ('' when free) */
  private texts: string[] = []
  /** per number: how many holders keep it */
  private holds = new Int32Array(64)
  private readonly free: number[] = []
  private live = 0
  // the last two keys looked up and their numbers (-1: none): a record's holders ask for its two parties in turn
  private text0: string | undefined
  private number0 = -1
  private text1: string | undefined
  private number1 = -1

  /** keys numbered (held by someone) */
  get size(): number {
    return this.live
  }

  /** how many numbers have been given out: every number is below it (holders size their columns by it) */
  get capacity(): number {
    return this.texts.length
  }

  /** the key's number, -1 when it has none */
  find(text: string): number {
    if (text === this.text0) return this.number0
    if (text === this.text1) return this.number1
    const n = this.byText.get(text) ?? -1
    this.remember(text, n)
    return n
  }

  /** the key's number, a new one when it has none; a holder that keeps something under it must `hold` it */
  number(text: string): number {
    const found = this.find(text)
    if (found >= 0) return found
    const n = this.free.pop() ?? this.texts.length
    if (n === this.texts.length) {
      this.texts.push(text)
      if (n >= this.holds.length) this.holds = grown(this.holds, Math.ceil(this.holds.length * 1.5))
    } else this.texts[n] = text
    this.byText.set(text, n)
    this.live++
    this.remember(text, n)
    return n
  }

  text(n: number): string {
    return this.texts[n]!
  }

  hold(n: number): void {
    this.holds[n]! += 1
  }

  /** a holder keeps nothing under `n` any more; the number is freed when none does */
  letGo(n: number): void {
    if (--this.holds[n]! > 0) return
    const text = this.texts[n]!
    this.byText.delete(text)
    this.texts[n] = ''
    this.free.push(n)
    this.live--
    if (text === this.text0) this.text0 = undefined
    if (text === this.text1) this.text1 = undefined
  }

  /** the newest first: a key numbered after it was remembered without a number is found with its number */
  private remember(text: string, n: number): void {
    this.text1 = this.text0
    this.number1 = this.number0
    this.text0 = text
    this.number0 = n
  }
}
