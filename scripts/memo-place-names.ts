/**
 * Writes the `route_place` and `going_to` classes of the memo lexicon (rules/default/ruleset.yaml, `code_words`,
 * between the BEGIN/END markers below) from a source rather than from examples (issue 17, session memo30):
 *   - CLDR region names, as Node's full ICU gives them (`Intl.DisplayNames`, type region; ICU version in the
 *     block's header), for the destination and transit countries of the routes and Europe (UN M49 150), in the
 *     corridor languages that ICU has, in their own script: Arabic, Persian, Pashto, Urdu and Sorani in Arabic
 *     script, Tigrinya and Amharic in Ethiopic, Bengali, Greek, and the Latin-script languages. The lexicon
 *     matcher romanises other scripts the same way for a term and for a memo (keywords.ts), so a term in Arabic
 *     script finds the memo written in it.
 *   - ROMANISED below: the same names as people type them in Latin letters where the language is mostly written
 *     in another script (Arabic, Persian and Dari, Pashto, Urdu, Sorani, Tigrinya): simplified romanisations of
 *     the CLDR names (ALA-LC and BGN/PCGN without marks, the Kurdish Hawar alphabet) and their common chat
 *     spellings, plus "England", which CLDR has only as a subdivision, and the ports and islands of the routes.
 * Latin-script names of 5 letters or more are written as stems ("anglia*": Anglisë, Îtalyayê, Talyaaniga) in the
 * languages that add case endings (INFLECTING), as written in the others; the Vietnamese names that are also ordinary words (Anh: elder brother,
 * Pháp: law, Đức: a given name, Ý: idea, Úc, Bỉ, Áo: a shirt, Síp) are never a place alone, only after a verb of
 * going ("sang Anh", "qua Pháp", "đi Đức"), as class `going_to`.
 * Run: npx tsx scripts/memo-place-names.ts (rewrites the block in place; the rest of the file is kept).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { normaliseWords } from '../src/core/rules/keywords.ts'
import { STEM_MIN_LETTERS } from '../src/core/rules/structured-lists.ts'

const FILE = 'rules/default/ruleset.yaml'
const BEGIN = '    # BEGIN memo-place-names'
const END = '    # END memo-place-names'

// destination and transit countries of the routes (typologies.md §4), the UK's short form, and Europe (M49 150)
const REGIONS = ['GB', 'IT', 'GR', 'FR', 'DE', 'BE', 'ES', 'NL', 'AT', 'MT', 'LY', 'TR', 'BG', 'RS', 'HU', 'HR', 'US', 'AU', 'MY', '150']
// the corridor languages ICU has; Kurdish is ku (Kurmanji, Latin) and ckb (Sorani, Arabic script)
const LANGUAGES = ['en', 'sq', 'ku', 'ckb', 'tr', 'vi', 'es', 'fr', 'it', 'id', 'ms', 'so', 'de', 'hr', 'bs', 'sr-Latn', 'pl', 'el', 'uz', 'ha', 'ar', 'fa', 'ps', 'ur', 'ti', 'am', 'bn']
// names CLDR gives that are also ordinary words in another corridor language, or a common English word
const ORDINARY_WORDS = new Set(['turkey', 'malta', 'chad'])
// Vietnamese names that are ordinary words, and the verbs of going that make them a destination
const VI_AMBIGUOUS = new Set(['anh', 'phap', 'duc', 'y', 'uc', 'bi', 'ao', 'sip', 'my'])
const VI_GOING = ['sang', 'qua', 'đi', 'tới', 'đến', 'vào']

/** Latin-letter spellings of the names where CLDR's are in another script, and names CLDR has not */
const ROMANISED: Record<string, readonly string[]> = {
  // England and London, the word most customers use for the UK
  england: ['england', 'angleterre', 'inglaterra', 'inghilterra', 'inggris', 'engelestan', 'engelis', 'inglis', 'ingilterra', 'inkiltra', 'ingiltra', 'englaz', 'engliz', 'london', 'londres', 'landan', 'lundun'],
  // the same in Albanian, Turkish, Somali and Kurdish, which add case endings (Anglisë, İngiltere'ye, Ingiriiska)
  england_inflected: ['angli', 'anglia', 'ingiltere', 'ingiriis', 'ingilistan', 'inglistan', 'englistan', 'inglestan', 'londra', 'londer'],
  // Arabic (ALA-LC without marks, and chat spellings)
  ar: ['britaniya', 'britania', 'baritaniya', 'bretanya', 'italya', 'italiya', 'itaalya', 'yunan', 'alyunan', 'faransa', 'fransa', 'almanya', 'almaniya', 'elmanya', 'baljika', 'beljika', 'isbanya', 'esbania', 'isbaniya', 'libya', 'libiya', 'turkiya', 'torkiya', 'bulgharia', 'bulgharya', 'serbia', 'sirbya', 'nimsa', 'hulanda', 'urubba', 'orobba', 'oroba', 'awroba', 'amrika', 'amreeka', 'ostralia'],
  // Persian and Dari (UN 1967 / BGN-PCGN without marks, and chat spellings)
  fa: ['italia', 'yunan', 'faranse', 'faransa', 'alman', 'aalmaan', 'belzhik', 'espania', 'libi', 'torkiye', 'turkiye', 'bolgharestan', 'serbestan', 'otrish', 'atrish', 'holand', 'orupa', 'oropa', 'urupa', 'amrika', 'ostralia'],
  // Pashto and Urdu
  ps_ur: ['bartanya', 'bartania', 'bartaniya', 'itli', 'italvi', 'jarmani', 'faraans', 'hispania', 'turkiyya', 'yurap', 'yorap', 'aalman'],
  // Sorani and Kurmanji (Hawar alphabet, and without its marks)
  ku: ['beritanya', 'britanya', 'yonan', 'yewnan', 'yunanistan', 'feransa', 'elmanya', 'almanya', 'belcika', 'ispanya', 'libya', 'tirkiya', 'turkya', 'bulgharya', 'bulgaristan', 'sirbistan', 'nemsa', 'ewrupa', 'ewropa', 'awrupa', 'italya'],
  // Tigrinya and Amharic in Latin letters
  ti_am: ['britanya', 'italia', 'ital', 'tilyan', 'grik', 'ferensa', 'jerman', 'libya', 'turki', 'ewropa', 'awropa'],
  // ports, islands and crossings of the routes (typologies.md §4), as the press names them
  // (not Samos, Meriç: samosa, a surname)
  ports: ['calais', 'dunkirk', 'dunkerque', 'lampedusa', 'sicily', 'sicilia', 'sicile', 'canarias', 'canaries', 'kanarya', 'lesbos', 'midilli', 'evros', 'ceuta', 'melilla'],
  // the short forms people write
  short: ['uk', 'usa'],
}

// languages that add case endings or a definite suffix to a place name (Albanian Anglisë, Kurdish Îtalyayê, Turkish
// Almanya'dan, Somali Talyaaniga, Croatian Italiju, Polish Niemiec, Uzbek Germaniyaga): their long names are
// stems. English, French, Spanish, Italian, German, Indonesian and the romanisations write a name as it is, and a
// stem of theirs would start given names ("france*": Francesca)
const INFLECTING = new Set(['sq', 'ku', 'tr', 'so', 'hr', 'bs', 'sr-Latn', 'pl', 'uz', 'england_inflected'])

/** the terms of one place name: a stem of a long Latin-script word in a language that inflects it, else the name */
function placeTerms(name: string, latin: boolean, inflecting: boolean): string[] {
  const words = normaliseWords(name)
  if (words.length === 0 || ORDINARY_WORDS.has(words.join(' '))) return []
  const plain = name.replace(/[()]/g, '').trim()
  const last = words.at(-1)!
  if (inflecting && latin && words.length === 1 && last.length >= STEM_MIN_LETTERS && /^[a-z]+$/.test(last)) return [`${last}*`]
  return [latin ? words.join(' ') : plain.toLowerCase()]
}

const latinScript = (s: string) => /^[\p{Script=Latin}\s.'’-]+$/u.test(s)
const places = new Map<string, string>() // term → where it comes from
const going = new Map<string, string>()
for (const lang of LANGUAGES) {
  for (const style of ['long', 'short'] as const) {
    const names = new Intl.DisplayNames([lang], { type: 'region', style, fallback: 'none' })
    for (const region of REGIONS) {
      const name = names.of(region)
      if (!name) continue
      const words = normaliseWords(name)
      if (lang === 'vi') for (const verb of VI_GOING) going.set(`${verb} ${name.toLowerCase()}`, `cldr vi ${region}`)
      // abbreviations ("R.-U.", "ABD", "AS", "DAY", "ηβ") are other words too ("Abd", "as", "day"): UK and USA
      // are in ROMANISED
      if (style === 'short' && (/[.]/.test(name) || name === name.toUpperCase() || !words.some((w) => w.length >= 4))) continue
      if (lang === 'vi' && words.length === 1 && VI_AMBIGUOUS.has(words[0]!)) continue
      for (const t of placeTerms(name, latinScript(name), INFLECTING.has(lang))) if (!places.has(t)) places.set(t, `cldr ${lang} ${region}`)
    }
  }
}
// Anh, England, the Vietnamese name of the UK in speech (CLDR: Vương quốc Anh), after a verb of going only
for (const verb of VI_GOING) going.set(`${verb} anh`, 'vi England')
// the regions' flags (regional indicator symbols; Europe as the EU's flag): a flag beside a boat is a place
for (const region of REGIONS) {
  const code = region === '150' ? 'EU' : region
  places.set([...code].map((c) => String.fromCodePoint(0x1f1e6 + c.charCodeAt(0) - 65)).join(''), `flag ${code}`)
}
for (const [source, names] of Object.entries(ROMANISED)) for (const n of names) for (const t of placeTerms(n, true, INFLECTING.has(source))) if (!places.has(t)) places.set(t, source)

// a stem covers its word: drop the plain words a stem of the list already matches
const stems = [...places.keys()].filter((t) => t.endsWith('*')).map((t) => t.slice(0, -1))
for (const t of [...places.keys()]) if (!t.endsWith('*') && !t.includes(' ') && stems.some((s) => t.startsWith(s) && t !== s)) places.delete(t)

const q = (t: string) => (/^[a-z*]+$/.test(t) ? t : JSON.stringify(t))
// flags sort with the symbols, after the words
const lines = [
  BEGIN + ` (generated by scripts/memo-place-names.ts from CLDR via ICU ${process.versions.icu} and the romanisations in`,
  '    # that script; do not edit by hand, rerun it): places of the routes (weight 0, class route_place) and, in',
  '    # Vietnamese, the verbs of going before them (class going_to)',
  ...[...places.keys()].sort().map((t) => `    - { term: ${q(t)}, weight: 0, class: route_place }`),
  ...[...going.keys()].sort().map((t) => `    - { term: ${q(t)}, weight: 0, class: going_to }`),
  END,
]
const text = readFileSync(FILE, 'utf8')
const start = text.indexOf(BEGIN)
const end = text.indexOf(END)
if (start < 0 || end < start) throw new Error(`${FILE}: the ${BEGIN.trim()} / ${END.trim()} markers are missing`)
writeFileSync(FILE, text.slice(0, start) + lines.join('\n') + text.slice(end + END.length))
console.log(`${places.size} place terms, ${going.size} going_to terms`)
