import type { NormalName } from './normalize-name.ts'
import { nicknameGroupsOf } from './name-parts.ts'
import { soundSkeleton } from './token-similarity.ts'

// Blocking: a name is only scored when it shares a key with the query. Keys per word token:
//  - the token itself, and the token (j and y read as i) with any one letter deleted, so a typo, a dropped or
//    doubled letter or a swap of two letters still shares a key (SymSpell's deletion neighbourhood, distance 1);
//  - its respelling across orthographies (respell), in the namespace of tokens, so "wladimirowitsch" meets
//    "vladimirovich";
//  - its sound skeleton, for vowel changes across transliterations ("mohamed", "muhammad") and abjads;
//  - its first letters, so a name cut short ("cobadeff" in "cobadeffxxx") or with a changed ending still meets;
//  - its nickname group, so "ted" meets "theodore";
//  - two adjacent tokens written together, so "ramimakhlouf" and "rami makhlouf" meet.
const MIN_DELETE_LENGTH = 4
const DOUBLED = /(.)\1+/
const PREFIX_LENGTH = 6

/** The keys of one query token, exact ones (the token, joined forms) before fuzzy ones (edits, sounds, prefixes). */
export interface KeyGroup {
  keys: string[]
  exact: number
}

/**
 * Where keys are made: most serve both sides alike, a few only one (a query's stem finds a list's word; a list
 * word's labial skeleton is found by a query's abjad skeleton).
 */
export type KeySide = 'index' | 'query'

/**
 * Fuzzy keys of one token, given with its folded form (j and y as i) and its respelling (see respell); the same
 * function serves the index and the query so they always agree.
 */
function fuzzyKeys(token: string, folded: string, respelled: string, side: KeySide, into: Set<string>): void {
  deletions(folded, into)
  // the respelling, and where it made a letter double, its deletions with that letter once: "wladimirowitsch" meets
  // "vladimirovich", and "vlagyimir" (vlagimir) "vladimir"
  if (respelled !== token) into.add(respelled)
  if (DOUBLED.test(respelled) && !DOUBLED.test(token)) deletions(respelled.replace(DOUBLED, '$1'), into)
  // a query word without a two-letter ending (Lithuanian "putinas" for "putin") is looked up as a list word
  if (side === 'query' && respelled.length - 2 >= MIN_DELETE_LENGTH) into.add(respelled.slice(0, -2))
  if (token.length > PREFIX_LENGTH) into.add('^' + token.slice(0, PREFIX_LENGTH))
  // the whole token's skeleton, however short: an abjad writes "david" as "dvd", skeleton "t" for both
  const skeleton = soundSkeleton(token)
  if (skeleton !== '') into.add('~' + skeleton)
  // "novbakhar" (from Cyrillic) and "nowbahar": kh written for h
  if (token.includes('kh')) {
    const folded = soundSkeleton(token, true)
    if (folded !== '') into.add('~' + folded)
  }
  // a list word as Arabic writes it ("vladimir", "fldymyr"): v as a labial (see skeletonsSimilarity)
  if (side === 'index' && token.includes('v')) into.add('~' + soundSkeleton(token, false, true))
  for (const group of nicknameGroupsOf(token)) into.add('@' + group)
}

/** The token with any one letter deleted. */
function deletions(token: string, into: Set<string>): void {
  if (token.length < MIN_DELETE_LENGTH) return
  for (let i = 0; i < token.length; i++) into.add(token.slice(0, i) + token.slice(i + 1))
}

/** Keys of a whole name, one group per token (maybe empty), so the index can tell which query tokens a name shares. */
export function nameKeys(name: NormalName): KeyGroup[] {
  const groups: KeyGroup[] = []
  for (let i = 0; i < name.tokens.length; i++) {
    const exact = exactKeys(name, i)
    groups.push({ keys: [...exact, ...fuzzyKeysOf(name, i, exact, 'index')], exact: exact.length })
  }
  return groups
}

/** The exact keys of token `i`: the token itself, and its joined forms with its neighbours. */
export function exactKeys(name: NormalName, i: number): string[] {
  const tokens = name.tokens
  const t = tokens[i]!
  const exact = new Set<string>()
  const next = tokens[i + 1]
  if (t.kind === 'word' || t.kind === 'number') exact.add(t.text)
  if (next) {
    exact.add(t.text + next.text)
    exact.add(next.text + t.text) // "MAKHLUF, Rami" written as "Ramimakhluf"
  }
  if (startsSyllables(name, i)) exact.add(syllableWord(name, i)) // all the syllables of one Chinese or Korean word, as one word
  if (t.kind === 'initial' && next?.kind === 'initial') {
    // a run of initials ("l x c") also as one acronym
    let run = t.text
    for (let k = i + 1; k < tokens.length && tokens[k]!.kind === 'initial'; k++) run += tokens[k]!.text
    exact.add(run)
  }
  return [...exact]
}

/**
 * The fuzzy keys of token `i` (edits, sounds, prefixes, nicknames), less its `exact` keys. A query asks for them
 * only when its exact keys found the token in few names.
 */
export function fuzzyKeysOf(name: NormalName, i: number, exact: readonly string[], side: KeySide): string[] {
  const tokens = name.tokens
  const t = tokens[i]!
  const fuzzy = new Set<string>()
  const next = tokens[i + 1]
  if (t.kind === 'word' || t.kind === 'number') fuzzyKeys(t.text, t.folded, t.respelled, side, fuzzy)
  if (next && (t.approx || next.approx)) fuzzy.add('~' + soundSkeleton(t.text + next.text))
  if (startsSyllables(name, i)) fuzzy.add('~' + soundSkeleton(syllableWord(name, i)))
  for (const k of exact) fuzzy.delete(k)
  return [...fuzzy]
}

/** Whether token `i` has fuzzy keys, without making them where its length already tells. */
export function hasFuzzyKeys(name: NormalName, i: number, exact: readonly string[]): boolean {
  const t = name.tokens[i]!
  // its one-letter deletions are shorter than any exact key
  if ((t.kind === 'word' || t.kind === 'number') && t.text.length >= MIN_DELETE_LENGTH) return true
  return fuzzyKeysOf(name, i, exact, 'query').length > 0
}

function startsSyllables(name: NormalName, i: number): boolean {
  const t = name.tokens[i]!
  return t.syllable && (i === 0 || name.tokens[i - 1]!.piece !== t.piece)
}

function syllableWord(name: NormalName, i: number): string {
  const tokens = name.tokens
  let word = ''
  for (let k = i; k < tokens.length && tokens[k]!.piece === tokens[i]!.piece; k++) word += tokens[k]!.text
  return word
}
