/**
 * References of `memo_code_word` instances: how a relative or an agent might word a smuggling payment, written
 * apart from the pack's lexicon (rules/default/ruleset.yaml `code_words`) and from `code-words.ts`, so that eval
 * does not only test the words the lexicon was written from (issue 17, session memo29). Whole phrases as people
 * type them, with the inflections of each language (Turkish and Kurdish suffixes, Albanian definite forms,
 * Indonesian affixes), slang, place names of the routes and the notions the sources name (typologies.md R31:
 * place names along the route, the boat, the trip, the passage, code words, emoji; S16 and the FATF "guarantee":
 * money held at an office until arrival; S12: payment terms). `{name}` is the traveller's given name.
 * No verified public lexicon exists: these are plain usages of each language, not words taken from cases.
 */
export interface CodeWordPhrase {
  /** ISO 639-1 language code, or a short tag for a transliteration */
  lang: string
  text: string
}

export const CODE_WORD_PHRASES: readonly CodeWordPhrase[] = [
  // Albanian (varkë, gomone: boat, dinghy, definite and case forms; kapërcim: crossing; lekët e rrugës: road money)
  { lang: 'sq', text: 'pagesa per varken e {name}' }, { lang: 'sq', text: 'lekët e rrugës për Londër' },
  { lang: 'sq', text: 'vendi në gomonen' }, { lang: 'sq', text: 'për skafistin' },
  { lang: 'sq', text: 'kapërcimi i kanalit {name}' }, { lang: 'sq', text: 'me kamion per ne Angli' },
  { lang: 'sq', text: 'garancia deri sa të mbërrijë' }, { lang: 'sq', text: 'udhëtim i paligjshëm' },
  // Kurdish, Sorani and Kurmanji in Latin letters (qaçaxçî/qachaxchi: smuggler, with case endings; belem: boat)
  { lang: 'ku', text: 'parey qachaxchiyeke' }, { lang: 'ku', text: 'bo qaçaxçîyekan' },
  { lang: 'ku', text: 'pereyê qaçaxçiyê' }, { lang: 'ku', text: 'pare bo bellem {name}' },
  { lang: 'ku', text: 'derbasbûna sînor' }, { lang: 'ku', text: 'emanet heta gehîştin' },
  { lang: 'ku', text: 'rêgay Brîtanya' }, { lang: 'ku', text: 'pereyê belemê' },
  // Arabic in Latin letters, Levantine, Iraqi and Maghrebi (muharreb: smuggler; harga: the crossing; markab: boat)
  { lang: 'ar', text: 'flous el harga' }, { lang: 'ar', text: 'ajr el muharreb' },
  { lang: 'ar', text: 'lil muharrib {name}' }, { lang: 'ar', text: 'thaman el markab lil youmen' },
  { lang: 'ar', text: 'amana hatta al wusul' }, { lang: 'ar', text: 'floos tahreeb' },
  { lang: 'ar', text: 'rihlat el bahr {name}' }, { lang: 'ar', text: '7arga lampedusa' },
  // Turkish (kaçakçı: smuggler, with case endings; geçiş: crossing; emanet: money held in trust)
  { lang: 'tr', text: 'kaçakçıya ödeme' }, { lang: 'tr', text: 'kaçakçının parası' },
  { lang: 'tr', text: 'bot için kapora' }, { lang: 'tr', text: "Yunanistan'a geçiş ücreti" },
  { lang: 'tr', text: 'sınırı geçmek için {name}' }, { lang: 'tr', text: 'kaçak yoldan Almanya' },
  { lang: 'tr', text: 'emanet, varınca' }, { lang: 'tr', text: 'lastik bota yer' },
  // Vietnamese (đi lậu, đi chui: to go illegally; vượt biên: cross the border illegally; xe container: lorry)
  { lang: 'vi', text: 'tiền đi Anh cho {name}' }, { lang: 'vi', text: 'tiền xe container' },
  { lang: 'vi', text: 'tiền cọc đi Anh' }, { lang: 'vi', text: 'phí vượt biên' },
  { lang: 'vi', text: 'tiền đi lậu sang Anh' }, { lang: 'vi', text: 'trả người đưa đi Pháp' },
  { lang: 'vi', text: 'đi chui qua Đức' },
  // Spanish, US southwest and Central America (coyote, pollero: smuggler; el brinco: the jump; pasar: to cross)
  { lang: 'es', text: 'pago al coyote' }, { lang: 'es', text: "pa'l pollero" },
  { lang: 'es', text: 'el cruce de {name}' }, { lang: 'es', text: 'lo del brinco' },
  { lang: 'es', text: 'para pasar al otro lado' }, { lang: 'es', text: 'cuota para cruzar' },
  { lang: 'es', text: 'la pasada por el rio' }, { lang: 'es', text: 'pago del guia al norte' },
  // Indonesian and Malay (tekong: the boat's skipper; penyeberangan: the crossing; calo: the broker)
  { lang: 'id', text: 'bayar tekong' }, { lang: 'id', text: 'ongkos ke Australia' },
  { lang: 'id', text: 'biaya penyeberangan {name}' }, { lang: 'id', text: 'uang perahu' },
  { lang: 'id', text: 'lewat jalur tikus' }, { lang: 'id', text: 'biaya calo ke Malaysia' },
  // French (passeur: smuggler; la traversée: the crossing; zodiac, small boat)
  { lang: 'fr', text: 'pour le passeur' }, { lang: 'fr', text: 'place dans le zodiac' },
  { lang: 'fr', text: 'la traversée de {name}' }, { lang: 'fr', text: 'argent du passeur' },
  { lang: 'fr', text: "passage vers l'Angleterre" }, { lang: 'fr', text: 'camion pour UK' },
  // Italian (scafista: the boat's pilot; gommone: dinghy; barcone: the large boat; la traversata: the crossing)
  { lang: 'it', text: 'per lo scafista' }, { lang: 'it', text: 'posto sul gommone' },
  { lang: 'it', text: 'viaggio in barcone' }, { lang: 'it', text: 'traversata per Lampedusa {name}' },
  { lang: 'it', text: 'soldi del passaggio' },
  // Pashto and Dari in Latin letters (qachaqbar: smuggler; pul-e rah: road money; da ... paisay: money of)
  { lang: 'ps', text: 'da qachaqbar paisay' }, { lang: 'fa-af', text: 'pul-e qachaqbar' },
  { lang: 'fa-af', text: 'pul-e rah {name}' }, { lang: 'ps', text: 'qachaq lara' },
  // Farsi in Latin letters (ghachaghchi: smuggler; ghayegh: boat)
  { lang: 'fa', text: 'pool-e ghachaghchi' }, { lang: 'fa', text: 'ghayegh Yunan' },
  { lang: 'fa', text: 'ghachaghi raftan' },
  // Urdu and Punjabi in Latin letters (dunki: the illegal route; agent; kishti ka kiraya: boat fare)
  { lang: 'ur', text: 'dunki wala {name}' }, { lang: 'ur', text: 'agent ko paisay dunki' },
  { lang: 'ur', text: 'kishti ka kiraya' }, { lang: 'ur', text: 'Iran ka rasta kharcha' },
  // Amharic and Tigrinya in Latin letters (delala: broker; ye bahir guzo: the sea journey; Libya road)
  { lang: 'am', text: 'le delalaw' }, { lang: 'am', text: 'ye bahir guzo {name}' },
  { lang: 'ti', text: 'nay delala kfilit' }, { lang: 'am', text: 'ye Libya menged' },
  // Bengali in Latin letters (dalal: broker; nouka: boat; Italy jabar taka: money to go to Italy)
  { lang: 'bn', text: 'dalal ke taka Libya' }, { lang: 'bn', text: 'Italy jabar taka' },
  // English, as relatives and agents write it
  { lang: 'en', text: 'for the agent, trip' }, { lang: 'en', text: 'seat on the boat' },
  { lang: 'en', text: 'dinghy place {name}' }, { lang: 'en', text: 'the crossing for {name}' },
  { lang: 'en', text: 'deposit til he arrives' }, { lang: 'en', text: 'smuggling fee' },
  { lang: 'en', text: 'lorry uk fee' }, { lang: 'en', text: 'trip across the channel' },
  // symbols
  { lang: 'emoji', text: '🚣 {name}' }, { lang: 'emoji', text: '🇬🇧 🚤' },
]
