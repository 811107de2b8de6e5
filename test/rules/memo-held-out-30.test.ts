import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledRuleset } from '../../src/core/index.ts'
import { screenAll, transfer } from '../core/helpers.ts'
import { ORDINARY, ORDINARY_LATE, SMUGGLING, SMUGGLING_LATE, type HeldOutMemo } from './fixtures/memo-held-out-30.ts'
import { person, rulesOn, shippedPack } from './support/hand-made.ts'

// The held-out set of session memo30 (issue 17, fixtures/memo-held-out-30.ts), measured on a USD 2,500 transfer
// from London to Izmir, where `memo-code-word` alone is worth review. The figures are printed for docs/rules.md.

let pack: CompiledRuleset

beforeAll(async () => {
  pack = await shippedPack()
})

function raised(memos: readonly HeldOutMemo[]): HeldOutMemo[] {
  const sender = person('gb', 'Sam Carter', 'GB', 'London')
  return memos.filter(({ text }, i) => {
    const receiver = person(`tr${i}`, 'Ali Demir', 'TR', 'Izmir')
    const { verdicts } = screenAll(pack, [transfer(0, sender.id, receiver.id, '2500', { reference: text, sender, receiver })])
    return rulesOn(verdicts[0]!).includes('memo-code-word')
  })
}

describe('memo-code-word on the memo30 held-out set', () => {
  it('finds at least 90 % of the smuggling references', () => {
    const hits = raised(SMUGGLING)
    const missed = SMUGGLING.filter((m) => !hits.includes(m))
    console.log(`memo30 held-out recall ${hits.length}/${SMUGGLING.length}; missed: ${missed.map((m) => `${m.lang} "${m.text}"`).join('; ')}`)
    expect(hits.length / SMUGGLING.length).toBeGreaterThanOrEqual(0.9)
  })

  it('raises at most 2 of the ordinary look-alikes', () => {
    const hits = raised(ORDINARY)
    console.log(`memo30 held-out false alerts ${hits.length}/${ORDINARY.length}: ${hits.map((m) => `${m.lang} "${m.text}"`).join('; ')}`)
    expect(hits.length).toBeLessThanOrEqual(2)
  })
})

describe('memo-code-word on the second batch, written after the change and measured once', () => {
  it('finds at least 23 of 30 smuggling references and raises at most 2 of 30 look-alikes', () => {
    const hits = raised(SMUGGLING_LATE)
    const alerts = raised(ORDINARY_LATE)
    const missed = SMUGGLING_LATE.filter((m) => !hits.includes(m))
    console.log(`memo30 late batch recall ${hits.length}/${SMUGGLING_LATE.length}; missed: ${missed.map((m) => `${m.lang} "${m.text}"`).join('; ')}`)
    console.log(`memo30 late batch false alerts ${alerts.length}/${ORDINARY_LATE.length}: ${alerts.map((m) => `${m.lang} "${m.text}"`).join('; ')}`)
    // measured once on aa2108d: 23 of 30 found, 2 of 30 raised (docs/rules.md, memo30); the words added after it
    // were chosen with this batch in view, so the bar stays at the honest figure
    expect(hits.length).toBeGreaterThanOrEqual(23)
    expect(alerts.length).toBeLessThanOrEqual(2)
  })
})
