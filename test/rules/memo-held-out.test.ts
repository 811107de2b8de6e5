import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledRuleset } from '../../src/core/index.ts'
import { screenAll, transfer } from '../core/helpers.ts'
import { person, rulesOn, shippedPack } from './support/hand-made.ts'

// References written after the pack's lexicon was frozen (issue 17, session memo29), and never used to tune it: a
// smuggling payment worded another way in each corridor language (endings, plurals, other words for the same
// notions), and ordinary payments in the same languages (rent, fees, tickets, boat hire, an agent). The shipped
// pack reviews them on a fee-sized payment to a corridor country by `memo-code-word` alone. When written, the pack
// found 32 of the 36 smuggling references (main before it: 25) and none of the ordinary ones; the thresholds leave
// a margin. Each new session may add references here; none should be added to fix a miss.
const SMUGGLING = [
  "pagesë për kalimin e kufirit",
  "skafistët e Vlorës",
  "lekë për gomonen e Italisë",
  "pareyê qaçaxçîtiyê",
  "bo qachaqchiyakan x2",
  "parey belem bo Yonan",
  "ujrat al muharribeen",
  "flous lil harraga",
  "tahriib ila italia",
  "kaçakçılara avans",
  "Yunanistan'a kaçak geçiş",
  "lastik botla geçiş parası",
  "tiền vượt biên sang Anh",
  "đi chui sang Pháp bằng xe tải",
  "tien duong di Anh con trai",
  "pago a los polleros",
  "para el coyotito",
  "cuota de cruce Reynosa",
  "biaya penyelundupan ke Australia",
  "bayar tekong kapal",
  "uang jalur tikus",
  "pour les passeurs de Calais",
  "frais de traversée clandestine",
  "argent pour le bateau vers UK",
  "per gli scafisti Libia",
  "pagamento gommone Sabratha",
  "qachaqbaran ta paisay",
  "pul-e qachaqbari",
  "ghachaghchiha pool",
  "dunki route fees",
  "donkey flight Mexico",
  "delalaw hawala",
  "smugglers fee for Ali",
  "small-boat place",
  "channel crossing deposit",
  "people smuggling payment",
]

const ORDINARY = [
  "pagesë për qiranë",
  "bileta e autobusit për Tiranë",
  "pushime me varkë në Ksamil",
  "pereyê xwarinê",
  "bo dayk û bav",
  "ijar al bayt",
  "rusum al jami3a",
  "otel ödemesi Antalya",
  "tekne turu Bodrum",
  "annem için ilaç",
  "tiền học phí",
  "tiền thuê nhà",
  "tiền mua xe máy",
  "pago de la renta",
  "colegiatura de los niños",
  "viaje de graduacion",
  "biaya sekolah anak",
  "sewa rumah bulan ini",
  "tiket kapal Batam",
  "frais de scolarité",
  "vacances en Tunisie",
  "billet de bateau Tanger",
  "affitto casa",
  "crociera in Grecia",
  "biglietto traghetto Palermo",
  "kiraya ghar",
  "shaadi ka kharcha",
  "school fees Kabul",
  "ye bet kiray",
  "boat hire Lake District",
  "ferry crossing to Belfast",
  "Calais day trip",
  "trip to Lampedusa hotel",
  "agent commission house sale",
  "visa agent fee",
  "fishing boat engine",
]

let pack: CompiledRuleset

beforeAll(async () => {
  pack = await shippedPack()
})

/** the references `memo-code-word` raises on a USD 2,500 transfer from London to Izmir, each on its own */
function raised(references: readonly string[]): string[] {
  const sender = person('gb', 'Sam Carter', 'GB', 'London')
  return references.filter((reference, i) => {
    const receiver = person(`tr${i}`, 'Ali Demir', 'TR', 'Izmir')
    const { verdicts } = screenAll(pack, [transfer(0, sender.id, receiver.id, '2500', { reference, sender, receiver })])
    return rulesOn(verdicts[0]!).includes('memo-code-word')
  })
}

describe('memo-code-word on references the lexicon was not written from', () => {
  it('raises at least 30 of 36 smuggling references in a dozen languages', () => {
    expect(raised(SMUGGLING).length).toBeGreaterThanOrEqual(30)
  })

  it('raises at most one of 36 ordinary references in the same languages', () => {
    expect(raised(ORDINARY).length).toBeLessThanOrEqual(1)
  })
})
