/**
 * Words and phrases that stand for a smuggling payment in a payment reference: the boat, the crossing, the road
 * money, the smuggler, in the languages of the corridors (typologies.md R31; S16 on release codes, S12 on adverts
 * stating payment terms). No verified public lexicon exists, so these are plain translations and common
 * transliterations of those notions, written as people write them, with diacritics where the language has them.
 */
export interface CodeWord {
  /** ISO 639-1 language code, or a short tag for a transliteration */
  lang: string
  term: string
}

export const CODE_WORDS: readonly CodeWord[] = [
  // Albanian
  { lang: 'sq', term: 'varka' }, { lang: 'sq', term: 'gomone' }, { lang: 'sq', term: 'kalimi për Angli' },
  { lang: 'sq', term: 'pagesa e rrugës' }, { lang: 'sq', term: 'udhëtimi me kamion' },
  // Kurdish (Sorani and Kurmanji, Latin transliteration)
  { lang: 'ku', term: 'belem' }, { lang: 'ku', term: 'qaçaxçî' }, { lang: 'ku', term: 'pareyi rê' },
  { lang: 'ku', term: 'bo rêga' }, { lang: 'ku', term: 'keştî bo Brîtanya' },
  // Arabic, Latin transliteration
  { lang: 'ar', term: 'tahrib' }, { lang: 'ar', term: 'muharrib' }, { lang: 'ar', term: 'qarib' },
  { lang: 'ar', term: 'flus al-tariq' }, { lang: 'ar', term: 'rihla lil-britaniya' },
  // Turkish
  { lang: 'tr', term: 'kaçak yol' }, { lang: 'tr', term: 'bot parası' }, { lang: 'tr', term: 'yol parası' },
  { lang: 'tr', term: 'Yunanistan geçiş' }, { lang: 'tr', term: 'sınır geçişi' },
  // Vietnamese
  { lang: 'vi', term: 'đi Anh' }, { lang: 'vi', term: 'tiền đường' }, { lang: 'vi', term: 'xe tải đi Anh' },
  { lang: 'vi', term: 'qua biên giới' }, { lang: 'vi', term: 'đặt cọc chuyến đi' },
  // Spanish (US southwest border; "piso" is the cartels' tax, typologies.md §4)
  { lang: 'es', term: 'el cruce' }, { lang: 'es', term: 'pollero' }, { lang: 'es', term: 'coyote' },
  { lang: 'es', term: 'la pasada' }, { lang: 'es', term: 'el piso' }, { lang: 'es', term: 'pasaje al norte' },
  // Indonesian (Australia route)
  { lang: 'id', term: 'perahu ke Australia' }, { lang: 'id', term: 'biaya kapal' }, { lang: 'id', term: 'ongkos perahu' },
  // French (northern French coast)
  { lang: 'fr', term: 'la traversée' }, { lang: 'fr', term: 'passeur' }, { lang: 'fr', term: 'place zodiac' },
  // Italian (Central Mediterranean)
  { lang: 'it', term: 'gommone' }, { lang: 'it', term: 'la traversata' }, { lang: 'it', term: 'scafista' },
  // English, as diaspora customers write it
  { lang: 'en', term: 'boat UK' }, { lang: 'en', term: 'small boat' }, { lang: 'en', term: 'lorry to UK' },
  { lang: 'en', term: 'crossing money' }, { lang: 'en', term: 'guarantee' }, { lang: 'en', term: 'gold package' },
  // emoji people put in P2P memos
  { lang: 'emoji', term: '🚤' }, { lang: 'emoji', term: '🛥️ 2 pax' }, { lang: 'emoji', term: '⛵ UK' },
]
