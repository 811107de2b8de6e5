import type { NormalName } from './normalize-name.ts'
import { nicknameGroupsOf } from './name-parts.ts'
import { soundSkeleton } from './token-similarity.ts'

// Blocking: a name is only scored when it shares a key with the query. Keys per word token:
//  - the token itself, and the token with any one letter deleted, so a typo, a dropped or doubled letter or a
//    swap of two letters still shares a key (SymSpell's deletion neighbourhood, distance 1);
//  - its sound skeleton, for vowel changes across transliterations ("mohamed", "muhammad") and abjads;
//  - its first letters, so a name cut short ("cobadeff" in "cobadeffxxx") or with a changed ending still meets;
//  - its nickname group, so "ted" meets "theodore";
//  - two adjacent tokens written together, so "ramimakhlouf" and "rami makhlouf" meet.
const MIN_DELETE_LENGTH = 4
const PREFIX_LENGTH = 6

/** Keys of one token; the same function serves the index and the query so they always agree. */
export function tokenKeys(token: string, into: Set<string>): void {
  into.add(token)
  if (token.length >= MIN_DELETE_LENGTH) {
    for (let i = 0; i < token.length; i++) into.add(token.slice(0, i) + token.slice(i + 1))
  }
  if (token.length > PREFIX_LENGTH) into.add('^' + token.slice(0, PREFIX_LENGTH))
  // the whole token's skeleton, however short: an abjad writes "david" as "dvd", skeleton "t" for both
  const skeleton = soundSkeleton(token)
  if (skeleton !== '') into.add('~' + skeleton)
  for (const group of nicknameGroupsOf(token)) into.add('@' + group)
}

/** Keys of a whole name, grouped per token so the index can tell how many query tokens a candidate shares. */
export function nameKeys(name: NormalName): Set<string>[] {
  const groups: Set<string>[] = []
  const tokens = name.tokens
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const keys = new Set<string>()
    if (t.kind === 'word' || t.kind === 'number') tokenKeys(t.text, keys)
    const next = tokens[i + 1]
    if (next) {
      const joined = t.text + next.text
      keys.add(joined)
      keys.add(next.text + t.text) // "MAKHLUF, Rami" written as "Ramimakhluf"
      if (t.approx || next.approx) keys.add('~' + soundSkeleton(joined))
    }
    if (t.syllable && (i === 0 || tokens[i - 1]!.piece !== t.piece)) {
      // all the syllables of one Chinese or Korean word, as one word
      let word = ''
      for (let k = i; k < tokens.length && tokens[k]!.piece === t.piece; k++) word += tokens[k]!.text
      keys.add(word)
      keys.add('~' + soundSkeleton(word))
    }
    if (t.kind === 'initial' && next?.kind === 'initial') {
      // a run of initials ("l x c") also as one acronym
      let run = t.text
      for (let k = i + 1; k < tokens.length && tokens[k]!.kind === 'initial'; k++) run += tokens[k]!.text
      keys.add(run)
    }
    if (keys.size > 0) groups.push(keys)
  }
  return groups
}
