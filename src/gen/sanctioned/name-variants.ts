import type { Rng } from '../prng.ts'
import type { ListedPerson } from './listed-people.ts'

/**
 * How a customer's bank record writes a listed person's name, as the independent sets and screening vendors'
 * test sets vary it: another romanisation, the order swapped, accents added, a middle name or second surname left
 * out, a slip of the keyboard, or one of the list's own a.k.a.s.
 */
export type VariantKind = 'as_listed' | 'order_swapped' | 'transliteration' | 'diacritics' | 'missing_middle' | 'typo' | 'alias'

export const VARIANT_KINDS: readonly VariantKind[] = ['as_listed', 'order_swapped', 'transliteration', 'diacritics', 'missing_middle', 'typo', 'alias']

const KIND_WEIGHTS: readonly (readonly [VariantKind, number])[] = [
  ['as_listed', 1], ['order_swapped', 2], ['transliteration', 3], ['diacritics', 2], ['missing_middle', 2], ['typo', 2], ['alias', 1],
]

/** Interchangeable romanisations of one name, from the lists' own a.k.a.s (Muhammad/Mohammed, Qasim/Kassem …). */
const SPELLINGS: readonly (readonly string[])[] = [
  ['muhammad', 'mohammed', 'mohamed', 'mohammad', 'muhammed', 'mohamad'],
  ['ahmad', 'ahmed'], ['hussein', 'husain', 'hussain', 'husayn'], ['hassan', 'hasan'], ['hasan', 'hassan'],
  ['yusuf', 'yousef', 'youssef', 'yousuf'], ['abdul', 'abdel', 'abdal'], ['osama', 'usama'], ['omar', 'umar'],
  ['ibrahim', 'ebrahim', 'ibraheem'], ['khalid', 'khaled'], ['abdullah', 'abdallah', 'abdulla'], ['mustafa', 'mostafa', 'moustafa'],
  ['mahmoud', 'mahmud'], ['saleh', 'salih'], ['qasim', 'kassem', 'kasim', 'qassem'], ['jamal', 'gamal'],
  ['abdulrahman', 'abdelrahman', 'abdurrahman'], ['said', 'saeed', 'saiid'], ['salim', 'saleem', 'selim'],
  ['rashid', 'rasheed', 'rachid'], ['hamid', 'hameed'], ['nasser', 'nasir', 'naser'], ['yahya', 'yehia', 'yahia'],
  ['mansour', 'mansur'], ['faisal', 'faysal', 'feisal'], ['karim', 'kareem'], ['aziz', 'azeez'],
  ['kim', 'gim'], ['pak', 'park', 'bak'], ['choe', 'choi'], ['jong', 'chong'], ['zhang', 'chang'], ['xu', 'hsu'],
  ['sergey', 'sergei'], ['aleksey', 'alexei', 'aleksei'], ['aleksandr', 'alexander', 'aleksander'], ['yuri', 'yuriy', 'iouri'],
  ['dmitry', 'dmitri', 'dmitriy'], ['andrey', 'andrei'], ['nikolay', 'nikolai'], ['vladimir', 'wladimir'],
]

/** Letter alternations between romanisation systems (English, French, German; pinyin and Wade-Giles; Russian). */
const RESPELLINGS: readonly (readonly [RegExp, string])[] = [
  [/ou/, 'u'], [/(?<=[^aeiou])u(?=[^aeiou])/, 'ou'], [/kh/, 'h'], [/q/, 'k'], [/dh/, 'z'], [/^j(?=[ai])/, 'dj'],
  [/ee/, 'i'], [/iy/, 'i'], [/y$/, 'i'], [/ks/, 'x'], [/^sh/, 'ch'], [/sh/, 'sch'], [/ph/, 'f'], [/(?<=[aeiou])v/, 'w'],
  [/ch/, 'tch'], [/^zh/, 'j'], [/(?<=[aeiou])ss(?=[aeiou])/, 's'], [/(?<=[aeiou])s(?=[aeiou])/, 'ss'], [/^al-/, 'al '], [/^al-/, 'el-'],
  [/ai/, 'ei'], [/ei/, 'ey'], [/ie/, 'i'],
]

/** Accents a Spanish, Portuguese, Turkish or German speaker writes where the lists drop them. */
const ACCENTED: Readonly<Record<string, string>> = {
  jose: 'josé', maria: 'maría', angel: 'ángel', jesus: 'jesús', ramon: 'ramón', martin: 'martín', hector: 'héctor',
  oscar: 'óscar', raul: 'raúl', andres: 'andrés', ivan: 'iván', lucia: 'lucía', julian: 'julián', sebastian: 'sebastián',
  adrian: 'adrián', fabian: 'fabián', simon: 'simón', tomas: 'tomás', ruben: 'rubén', victor: 'víctor', nicolas: 'nicolás',
  joaquin: 'joaquín', agustin: 'agustín', efrain: 'efraín', german: 'germán', dario: 'darío', cesar: 'césar', felix: 'félix',
  gonzalez: 'gonzález', lopez: 'lópez', sanchez: 'sánchez', garcia: 'garcía', rodriguez: 'rodríguez', perez: 'pérez',
  hernandez: 'hernández', ramirez: 'ramírez', gomez: 'gómez', mejia: 'mejía', martinez: 'martínez', alvarez: 'álvarez',
  gutierrez: 'gutiérrez', diaz: 'díaz', munoz: 'muñoz', fernandez: 'fernández', jimenez: 'jiménez', dominguez: 'domínguez',
  vazquez: 'vázquez', vasquez: 'vásquez', nunez: 'núñez', ibanez: 'ibáñez', pena: 'peña', beltran: 'beltrán', leon: 'león',
  avendano: 'avendaño', patino: 'patiño', quinonez: 'quiñónez', ordonez: 'ordóñez', caceres: 'cáceres', suarez: 'suárez',
  velasquez: 'velásquez', marquez: 'márquez', chavez: 'chávez',
  rios: 'ríos', calderon: 'calderón', guzman: 'guzmán', roman: 'román', rincon: 'rincón', monzon: 'monzón',
  sahin: 'şahin', celik: 'çelik', ozturk: 'öztürk', yildiz: 'yıldız', gul: 'gül', muller: 'müller', ozdemir: 'özdemir',
}

/** one-key slips: a letter doubled, dropped, swapped with the next, or hit beside its key */
const NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'sq', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k', m: 'n', n: 'bm',
  o: 'ip', p: 'o', q: 'w', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc', y: 'tu', z: 'x',
}

export interface WrittenName {
  name: string
  kind: VariantKind
}

interface Parts {
  given: string[]
  surname: string[]
}

/** The listed person's name as a customer record writes it, with the kind of variant it is. */
export function writeVariant(rng: Rng, person: ListedPerson, kind: VariantKind = rng.weighted(KIND_WEIGHTS)): WrittenName {
  let parts: Parts = { given: [...person.given], surname: [...person.surname] }
  let surnameFirst = false
  let applied: VariantKind = kind
  switch (kind) {
    case 'as_listed':
      break
    case 'order_swapped':
      surnameFirst = true
      break
    case 'alias':
      if (person.aliases.length > 0) parts = clone(rng.pick(person.aliases))
      else applied = respell(rng, parts) ? 'transliteration' : 'as_listed'
      break
    case 'transliteration':
      if (!respell(rng, parts)) applied = typo(rng, parts) ? 'typo' : 'as_listed'
      break
    case 'diacritics':
      if (!accent(parts)) applied = respell(rng, parts) ? 'transliteration' : 'as_listed'
      break
    case 'missing_middle':
      if (!dropMiddle(rng, parts)) applied = typo(rng, parts) ? 'typo' : 'as_listed'
      break
    case 'typo':
      if (!typo(rng, parts)) applied = 'as_listed'
      break
  }
  // a customer file writes given names first, some write the surname first without the list's comma
  if (kind !== 'order_swapped' && rng.chance(0.15)) surnameFirst = true
  const words = surnameFirst ? [...parts.surname, ...parts.given] : [...parts.given, ...parts.surname]
  const upper = rng.chance(0.2)
  const name = words.join(' ')
  return { name: upper ? name.toUpperCase() : name, kind: applied }
}

function clone(p: Parts): Parts {
  return { given: [...p.given], surname: [...p.surname] }
}

/** each token of the name with its position, to change one in place */
function tokens(p: Parts): { list: string[]; at: number }[] {
  return [...p.given.map((_, at) => ({ list: p.given, at })), ...p.surname.map((_, at) => ({ list: p.surname, at }))]
}

/** Another romanisation of one word: a known respelling of the whole word first, else a letter alternation. */
function respell(rng: Rng, p: Parts): boolean {
  const options: { list: string[]; at: number; to: string }[] = []
  for (const t of tokens(p)) {
    const word = t.list[t.at]!
    const lower = word.toLowerCase()
    const group = SPELLINGS.find((g) => g.includes(lower))
    if (group) for (const to of group) if (to !== lower) options.push({ ...t, to: like(word, to) })
  }
  if (options.length === 0) {
    for (const t of tokens(p)) {
      const word = t.list[t.at]!
      const lower = word.toLowerCase()
      if (lower.length < 4) continue
      for (const [from, to] of RESPELLINGS) {
        if (from.test(lower)) options.push({ ...t, to: like(word, lower.replace(from, to)) })
      }
    }
  }
  if (options.length === 0) return false
  const o = rng.pick(options)
  o.list[o.at] = o.to
  return true
}

/** Every word with a usual accented spelling gets it. */
function accent(p: Parts): boolean {
  let changed = false
  for (const t of tokens(p)) {
    const word = t.list[t.at]!
    const to = ACCENTED[word.toLowerCase()]
    if (to && to !== word.toLowerCase()) {
      t.list[t.at] = like(word, to)
      changed = true
    }
  }
  return changed
}

/** A middle given name or a second surname left out (a name of three words or more). */
function dropMiddle(rng: Rng, p: Parts): boolean {
  const options: { list: string[]; at: number }[] = []
  for (let i = 1; i < p.given.length; i++) options.push({ list: p.given, at: i })
  for (let i = 1; i < p.surname.length; i++) options.push({ list: p.surname, at: i })
  if (options.length === 0 || p.given.length + p.surname.length < 3) return false
  const o = rng.pick(options)
  o.list.splice(o.at, 1)
  return true
}

/** One keyboard slip in a word of five letters or more, never its first letter. */
function typo(rng: Rng, p: Parts): boolean {
  const options = tokens(p).filter((t) => t.list[t.at]!.length >= 5 && /^[A-Za-z]+$/.test(t.list[t.at]!))
  if (options.length === 0) return false
  const t = rng.pick(options)
  const word = t.list[t.at]!
  const i = rng.int(1, word.length - 1)
  const c = word[i]!.toLowerCase()
  const slip = rng.int(0, 3)
  t.list[t.at] =
    slip === 0 ? word.slice(0, i) + c + word.slice(i)
    : slip === 1 ? word.slice(0, i) + word.slice(i + 1)
    : slip === 2 && i < word.length - 1 ? word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2)
    : word.slice(0, i) + rng.pick([...(NEIGHBOURS[c] ?? 'e')]) + word.slice(i + 1)
  return true
}

/** `to` written with the capitalisation of `word` */
function like(word: string, to: string): string {
  if (word === word.toUpperCase()) return to.toUpperCase()
  return to.replace(/(^|[- ])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase())
}
