import { LEGAL_FORMS } from './data/legal-forms.ts'
import { NICKNAME_SUPPLEMENT } from './data/nickname-supplement.ts'
import { NICKNAME_GROUPS } from './data/nicknames.ts'
import { PERSON_TITLES } from './data/person-titles.ts'
import { PhraseTable } from './phrase-table.ts'

/** Organisation legal forms ("open joint stock company", "oao", "ltd") to a generic form ("jsc", "llc"). */
export const legalForms = new PhraseTable<string>(Object.entries(LEGAL_FORMS))

/**
 * "President" in languages rigour's list leaves out (Spanish, Italian and Portuguese, Romanian, Croatian and Serbian,
 * Slovene, Czech and Russian, Polish, Indonesian and Malay, Hungarian): heads of state are named so in the press and
 * in payment references.
 */
const PRESIDENT_TITLES = ['presidente', 'presidenta', 'presedinte', 'presedintele', 'predsjednik', 'predsednik', 'prezident', 'prezydent', 'presiden', 'elnok']

/** Titles and honorifics put before a person's name ("mr", "his excellency"). */
export const personTitles = new PhraseTable<true>([...PERSON_TITLES, ...PRESIDENT_TITLES].map((t) => [t, true] as [string, true]))

/** Titles that some languages put after the name ("Putyin elnök", Hungarian): "president" in each language. */
export const PERSON_TITLES_AFTER: ReadonlySet<string> = new Set(['president', 'prasident', ...PRESIDENT_TITLES])

/** Generational suffixes: they distinguish relatives, not spellings, and lists often drop them. */
export const PERSON_SUFFIXES: ReadonlySet<string> = new Set(['jr', 'junior', 'sr', 'snr', 'senior', 'ii', 'iii', 'iv'])

/**
 * Particles and articles: kept, so "bin laden" still lines up, but light, so that sharing "al" or "of" says little.
 * Arabic, Dutch, German, Romance and English ones.
 */
export const PARTICLES: ReadonlySet<string> = new Set([
  'al', 'el', 'ul', 'ud', 'ad', 'ar', 'as', 'at', 'az', 'bin', 'ibn', 'ben', 'bint', 'abu', 'abd', 'ould',
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'la', 'le', 'les', 'y',
  'the', 'of', 'and', 'for', 'in', 'und', 'et',
])

// East Slavic patronymics as lists and transliterations write them (Vladimirovich, Vladimirovna, Volodymyrovych,
// Uladzimiravich, Wladimirowitsch, Wladimirowicz, Vladimirovitch)
const PATRONYMIC = /(?:ovich|evich|ovych|evych|avich|ovitch|evitch|owitsch|ewitsch|owicz|ewicz|ovna|evna|ivna|ichna|ovics|evics)$/
const MIN_PATRONYMIC = 8

/** Whether a word has the form of a patronymic (the name's place decides whether it is one: see normaliseName). */
export function looksPatronymic(word: string): boolean {
  return word.length >= MIN_PATRONYMIC && PATRONYMIC.test(word)
}

/** Words that say "an organisation" rather than which one; light, like legal forms. */
export const ORG_CLASS_WORDS: ReadonlySet<string> = new Set([
  'company', 'co', 'corporation', 'corp', 'incorporated', 'group', 'holding', 'holdings', 'international', 'intl',
  'trading', 'enterprise', 'enterprises', 'industries', 'industry',
])

// given name -> the id of its nickname group ("ted" and "theodore" share one); a name can sit in several groups
const nicknameGroups = new Map<string, number[]>()
for (const [id, group] of [...NICKNAME_GROUPS, ...NICKNAME_SUPPLEMENT].entries()) {
  for (const name of group) {
    const ids = nicknameGroups.get(name)
    if (ids) ids.push(id)
    else nicknameGroups.set(name, [id])
  }
}

const NO_GROUPS: readonly number[] = []

/** The nickname groups a given name belongs to (ids), for blocking. */
export function nicknameGroupsOf(name: string): readonly number[] {
  return nicknameGroups.get(name) ?? NO_GROUPS
}
