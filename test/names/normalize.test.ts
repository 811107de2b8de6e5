import { describe, expect, it } from 'vitest'
import { buildIndicatorIndex, normaliseIndicator, normaliseName, phoneDigits } from '../../src/core/names/index.ts'

const text = (raw: string, kind?: 'person' | 'org') => normaliseName(raw, kind).text

describe('normaliseName', () => {
  it('folds case, diacritics, punctuation and full-width forms', () => {
    expect(text('Nicolás MÜLLER-Lüdenscheidt')).toBe('nicolas muller ludenscheidt')
    expect(text("O'BRIEN, Christopher")).toBe('obrien christopher')
    expect(text('ＡＢＣ Trading')).toBe('abc trading')
  })
  it('transliterates Cyrillic, Greek, Arabic, Hebrew and CJK', () => {
    expect(text('Владимир Путин')).toBe('vladimir putin')
    expect(text('Νικόλαος')).toBe('nikolaos')
    expect(text('محمد علي')).toBe('mhmd ly')
    expect(text('משה')).toBe('msh')
    expect(text('习近平')).toBe('xi jin ping')
    expect(text('김정은')).toBe('kim jong un')
  })
  it('marks tokens from scripts without written vowels or with syllables', () => {
    expect(normaliseName('محمد').tokens[0]!.approx).toBe('abjad')
    expect(normaliseName('习近平').tokens.every((t) => t.approx === 'syllabic' && t.syllable)).toBe(true)
    expect(normaliseName('Moshe').tokens[0]!.approx).toBeUndefined()
  })
  it('drops person titles and generational suffixes, keeps a name made only of them', () => {
    expect(text('Mr. John Smith Jr', 'person')).toBe('john smith')
    expect(text('His Excellency Dr John Smith', 'person')).toBe('john smith')
    expect(text('Lord', 'person')).toBe('lord')
  })
  it('maps legal forms to a generic form and keeps them light', () => {
    expect(text('OAO Gazprom', 'org')).toBe('jsc gazprom')
    expect(text('Open Joint Stock Company Gasprom', 'org')).toBe('jsc gasprom')
    expect(text('FABERLIC EUROPE Sp. z o.o.', 'org')).toBe('faberlic europe llc')
    // a list's name keeps the form's lone letters too, light: OFAC's token search finds "DONCOALTRADE SP Z O O" for "Z"
    expect(normaliseName('FABERLIC EUROPE Sp. z o.o.', 'org', true).text).toBe('faberlic europe llc z')
    expect(normaliseName('SBT S..A', undefined, true).text).toBe('sbt jsc s a')
    const gazprom = normaliseName('Gazprom Neft JSC', 'org')
    expect(gazprom.tokens.map((t) => t.kind)).toEqual(['word', 'word', 'legal'])
    // a short form inside a name is not taken for a legal form
    expect(text('BANK AG MELLAT', 'org')).toBe('bank ag mellat')
  })
  it('reads dotted acronyms as one token and number words as digits', () => {
    expect(text('L.X.C. Aviation')).toBe('lxc aviation')
    expect(text('Brigade Fourty-four')).toBe('brigade 44')
    expect(normaliseName('Snow Storm 1').tokens[2]!.kind).toBe('number')
  })
  it('treats particles as light tokens', () => {
    const n = normaliseName('Osama bin Laden')
    expect(n.tokens.map((t) => [t.text, t.kind])).toEqual([
      ['osama', 'word'],
      ['bin', 'particle'],
      ['laden', 'word'],
    ])
  })
})

describe('indicators', () => {
  it('normalises phones to E.164 digits, handles, e-mails, wallets and accounts', () => {
    expect(phoneDigits('+44 (20) 7946-0000')).toBe('442079460000')
    expect(phoneDigits('0044 20 7946 0000')).toBe('442079460000')
    expect(normaliseIndicator('handle', ' @Smuggler_King ')).toBe('smuggler_king')
    expect(normaliseIndicator('email', 'Boss@Example.COM')).toBe('boss@example.com')
    expect(normaliseIndicator('wallet', ' 0xAbC0000000000000000000000000000000000DeF ')).toBe('0xabc0000000000000000000000000000000000def')
    expect(normaliseIndicator('wallet', ' 1DT3tenf14cxz9WFNxmYrXFbB6TFiVWA9U ')).toBe('1DT3tenf14cxz9WFNxmYrXFbB6TFiVWA9U')
    expect(normaliseIndicator('account', 'gb29 nwbk 6016-1331 9268 19')).toBe('GB29NWBK60161331926819')
    expect(normaliseIndicator('name', 'SMITH, John')).toBe(normaliseIndicator('name', 'john smith'))
  })
  it('finds an indicator however the value is written, and only of its type', () => {
    const index = buildIndicatorIndex([
      { list: 'intel', type: 'phone', value: '+964 770 123 4567', note: 'advert' },
      { list: 'intel', type: 'handle', value: '@boat_trips' },
    ])
    expect(index.size).toBe(2)
    expect(index.lookup('phone', '00964-770-123-4567')).toHaveLength(1)
    expect(index.lookup('handle', 'BOAT_TRIPS')[0]!.value).toBe('@boat_trips')
    expect(index.lookup('email', 'boat_trips')).toEqual([])
    expect(index.lookup('phone', '')).toEqual([])
  })
})
