import type { ParsedLine } from '../io/parsed-line.ts'
import type { Case } from './cases.ts'
import type { ScreenedSlice, ScreeningEngine } from './engine.ts'
import type { Screener } from './screener.ts'
import { screenLine, type ScreenOutput } from './stream.ts'

/** A `Screener` as a screening engine: every rule on this thread, a slice at a time. */
export class InProcessEngine implements ScreeningEngine {
  constructor(readonly screener: Screener) {}

  async *screen(slices: AsyncIterable<readonly ParsedLine[]>): AsyncGenerator<ScreenedSlice> {
    for await (const lines of slices) {
      const outputs: ScreenOutput[] = new Array(lines.length)
      for (let i = 0; i < lines.length; i++) outputs[i] = screenLine(this.screener, lines[i]!)
      yield { lines, outputs }
    }
  }

  cases(): Case[] {
    return this.screener.cases()
  }

  get outOfOrder(): number {
    return this.screener.outOfOrder
  }
}
