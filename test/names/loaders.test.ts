import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseOfacCsv } from '../../src/core/lists/ofac-csv.ts'
import { dateToIso, remarkFacts } from '../../src/core/lists/ofac-remarks.ts'
import { parseIndicatorsCsv, parseListCsv } from '../../src/core/lists/simple-csv.ts'
import { parseUnXml } from '../../src/core/lists/un-xml.ts'
import { loadList, loadLists, parseListSpec } from '../../src/lists/load.ts'
import { hasWatchlists, repoRoot, watchlistsDir } from './shared-data.ts'

const fixture = (name: string) => path.join(repoRoot, 'fixtures/lists', name)

describe('list parsers (text in, entries out)', () => {
  it('reads OFAC legacy CSV with aliases, addresses and remarks', () => {
    const sdn = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n' +
      '7,"SMITH, John","individual","SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 15 Mar 1961; nationality Iran; Digital Currency Address - XBT 1AbC; Email Address js@example.com."\n'
    const alt = '36,12,"aka","AERO-CARIBBEAN",-0- \n'
    const add = '36,25,-0- ,"Havana","Cuba",-0- \n'
    const { entries, indicators } = parseOfacCsv({ primary: sdn, alt, add }, 'sdn')
    expect(entries).toHaveLength(2)
    expect(entries[0]).toMatchObject({ id: '36', name: 'AEROCARIBBEAN AIRLINES', type: 'org', aliases: ['AERO-CARIBBEAN'], countries: ['CU'], programs: ['CUBA'] })
    expect(entries[1]).toMatchObject({ type: 'person', programs: ['SDGT', 'IRGC'], birthDates: ['1961-03-15'], nationalities: ['IR'], countries: ['IR'] })
    expect(indicators.map((i) => [i.type, i.value])).toEqual([
      ['wallet', '1AbC'],
      ['email', 'js@example.com'],
    ])
  })
  it('reads dates and facts from OFAC remarks', () => {
    expect(dateToIso('circa 1955')).toBe('1955')
    expect(dateToIso('Mar 1961')).toBe('1961-03')
    expect(remarkFacts('alt. DOB 01 Jan 1960; Phone No. 263-4-486946').birthDates).toEqual(['1960-01-01'])
  })
  it('reads UN XML individuals and entities, decoding entities', () => {
    const xml = `<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>ERIC</FIRST_NAME>
      <SECOND_NAME>BADEGE</SECOND_NAME><REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER><NATIONALITY><VALUE>Democratic Republic of the Congo</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>E. B&amp;B</ALIAS_NAME></INDIVIDUAL_ALIAS><INDIVIDUAL_ALIAS><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1971-05-02</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_ADDRESS><COUNTRY>Rwanda</COUNTRY><NOTE>as of early 2016</NOTE></INDIVIDUAL_ADDRESS></INDIVIDUAL></INDIVIDUALS>
      <ENTITIES><ENTITY><DATAID>2</DATAID><FIRST_NAME>ADF</FIRST_NAME><REFERENCE_NUMBER>CDe.001</REFERENCE_NUMBER>
      <ENTITY_ALIAS><ALIAS_NAME>Allied Democratic Forces</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><CITY>Butembo</CITY><COUNTRY>Democratic Republic of the Congo</COUNTRY></ENTITY_ADDRESS></ENTITY></ENTITIES></CONSOLIDATED_LIST>`
    const entries = parseUnXml(xml, 'un')
    expect(entries).toEqual([
      { list: 'un', id: 'CDi.001', name: 'ERIC BADEGE', aliases: ['E. B&B'], type: 'person', birthDates: ['1971-05-02'], nationalities: ['CD'], countries: ['CD', 'RW'] },
      { list: 'un', id: 'CDe.001', name: 'ADF', aliases: ['Allied Democratic Forces'], type: 'org', countries: ['CD'] },
    ])
  })
  it('reads the plain list and indicator CSVs, rejecting an unknown indicator type', () => {
    const entries = parseListCsv('id,name,type,country,aliases,birthdate,nationality\n1,"Doe, John",individual,Iraq,J. Doe; Johnny Doe,1970,Syria\n', 'mine')
    expect(entries).toEqual([
      { list: 'mine', id: '1', name: 'Doe, John', aliases: ['J. Doe', 'Johnny Doe'], type: 'person', countries: ['IQ'], birthDates: ['1970'], nationalities: ['SY'] },
    ])
    expect(parseIndicatorsCsv('type,value,source,note\nPHONE,+1 555,ad,\n', 'intel')).toEqual([{ list: 'intel', type: 'phone', value: '+1 555', source: 'ad' }])
    expect(() => parseIndicatorsCsv('type,value\nfax,123\n', 'intel')).toThrow(/line 2: unknown indicator type "fax"/)
  })
})

describe('loadList / loadLists', () => {
  it('rejects an unknown format and a missing file with clear messages', async () => {
    expect(() => parseListSpec('xlsx:/tmp/a.xlsx')).toThrow(/FORMAT one of ofac-csv, un-xml, csv, indicators-csv/)
    expect(() => parseListSpec('/tmp/a.csv')).toThrow(/expected FORMAT:PATH/)
    await expect(loadList('csv:/nonexistent/list.csv')).rejects.toThrow(/cannot read \/nonexistent\/list.csv: ENOENT/)
  })
  it('loads the checked-in fixtures and screens against them', async () => {
    const lists = await loadLists([`csv:${fixture('sample-watchlist.csv')}`, `indicators-csv:${fixture('sample-indicators.csv')}`])
    expect(lists.names.size).toBe(10)
    expect(lists.indicators.size).toBe(5)
    expect(lists.sources.map((s) => [s.list, s.entries, s.indicators])).toEqual([
      ['sample-watchlist', 10, 0],
      ['sample-indicators', 0, 5],
    ])
    const [top] = lists.names.search('Владимир Путин')
    expect(top).toMatchObject({ entry: { id: 'WL-1' } })
    expect(top!.explanation.map((p) => p.query)).toEqual(['vladimir', 'putin'])
    expect(lists.names.search('Ramimakhlouf')[0]?.entry.id).toBe('WL-2')
    expect(lists.names.search('Gazprom Neft', { type: 'org' })[0]?.entry.id).toBe('WL-3')
    expect(lists.names.search('Gazprom Neft', { type: 'person' })).toEqual([])
    expect(lists.names.search('Snow Storm 2')).toEqual([])
    expect(lists.names.search('Jane Bloggs')).toEqual([])
    expect(lists.indicators.lookup('handle', 'SEA_TAXI_2024')).toHaveLength(1)
    expect(lists.indicators.lookup('account', 'GB29NWBK60161331926819')).toHaveLength(1)
  })
})

describe.skipIf(!hasWatchlists)('loaders on the real lists in ../shared/data/watchlists', () => {
  const count = (entries: { aliases: string[] }[]) => entries.reduce((n, e) => n + e.aliases.length, 0)
  it('loads the 2021 SDN list: 8,976 entries and 11,910 aliases', async () => {
    const { entries, indicators } = await loadList(`ofac-csv:${path.join(watchlistsDir, 'ofac-sdn-2021')}`)
    expect(entries).toHaveLength(8976)
    expect(count(entries)).toBe(11910)
    expect(indicators.filter((i) => i.type === 'wallet').length).toBeGreaterThan(0)
  })
  it('loads the 2019 SDN list and the consolidated list by its cons_ file names', async () => {
    const sdn2019 = await loadList(`ofac-csv:${path.join(watchlistsDir, 'ofac-sdn-2019')}`)
    expect([sdn2019.entries.length, count(sdn2019.entries)]).toEqual([7379, 9682])
    const cons = await loadList(`ofac-csv:${path.join(watchlistsDir, 'ofac-consolidated/cons_prim.csv')}`)
    expect(cons.entries.length).toBeGreaterThan(400)
    expect(count(cons.entries)).toBeGreaterThan(0)
  })
  it('loads the UN consolidated list: 730 individuals and 273 entities', async () => {
    const { entries } = await loadList(`un-xml:${path.join(watchlistsDir, 'un/UN_consolidated.xml')}`)
    expect(entries.filter((e) => e.type === 'person')).toHaveLength(730)
    expect(entries.filter((e) => e.type === 'org')).toHaveLength(273)
  })
  it('finds wallets published in the SDN remarks of the fixture list', async () => {
    const lists = await loadLists([`ofac-csv:${path.join(watchlistsDir, 'ofac-sdn-fixture')}`])
    expect(lists.indicators.lookup('wallet', '0x901bb9583b24d97e995513c6778dc6888ab6870e')).toHaveLength(1)
  })
})
