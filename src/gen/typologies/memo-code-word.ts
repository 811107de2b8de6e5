import { codeWordPhraseMemo } from '../memo-variants.ts'
import { givenNames, regionOfSurname } from '../names.ts'
import type { Draft } from '../types.ts'
import type { Typology } from './context.ts'

/** origin and transit countries the fee is paid to or from */
const CORRIDOR = ['TR', 'IQ', 'LY', 'GR', 'RS', 'BA', 'MX', 'GT', 'ID', 'VN', 'AL', 'TN', 'SY', 'AF', 'PK', 'BD']

/**
 * R31 on its own: one or two fee-sized payments to or from a corridor country whose reference words a smuggling
 * payment in one of the corridors' languages (src/gen/data/code-word-phrases.ts, written apart from the pack's
 * lexicon so that eval tests wording the lexicon was not written from), with or without its diacritics, sometimes
 * misspelt, often with the traveller's name. No other shape: the words are the evidence.
 */
export const memoCodeWord: Typology = {
  label: 'memo_code_word',
  minDays: 2,
  plant(ctx) {
    const rng = ctx.rng
    const relative = ctx.customer()
    const abroad = ctx.party({ country: rng.pick(CORRIDOR) })
    // mostly a relative paying out; sometimes the family in the origin country paying someone in the diaspora
    const outward = rng.chance(0.75)
    const traveller = rng.pick(givenNames(regionOfSurname(relative.surname)))
    const drafts: Draft[] = []
    const lowest = ctx.knob('memoCodeWord.minFee', 500, 1200)
    for (let i = 0, n = rng.int(1, 2), day = 0; i < n; i++, day += ctx.gap(1, 14)) {
      drafts.push({
        ts: ctx.at(day, 8, 22),
        amount: ctx.fee(lowest, 9000, 0.5),
        currency: outward ? relative.currency : 'USD',
        channel: rng.weighted([['money_transfer', 3], ['wire', 2], ['mobile_money', 2]] as const),
        sender: outward ? relative.party : abroad,
        receiver: outward ? abroad : relative.party,
        reference: codeWordPhraseMemo(rng, traveller),
      })
    }
    return { drafts }
  },
}
