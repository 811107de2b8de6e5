import { describe, expect, it } from 'vitest'
import { buildNameIndex, DEFAULT_NAME_THRESHOLD } from '../../src/core/names/index.ts'
import { tokenSimilarity } from '../../src/core/names/token-similarity.ts'
import type { WatchlistEntry } from '../../src/core/names/types.ts'

// French and German write the onsets English romanisations write j and ch with a letter more: Djamel, Djibril,
// Djaffar (Arabic and Berber jim), Tchen, Tchang (Chinese in French transcription), Tschernow. Such a name starts
// with another letter than its English form, and was scored 0 before its spelling was compared (found by the
// generator's sanctioned_name variants: "DJAMIL QADRI" for "JAMIL, Qadri", "Mingfu Tchen" for "CHEN, Mingfu").
describe('onsets French and German spell with a letter more', () => {
  it('scores dj/j and tch/ch onsets as one spelling', () => {
    for (const [a, b] of [['djamil', 'jamil'], ['djega', 'jega'], ['tchen', 'chen'], ['tchang', 'chang'], ['tschernow', 'chernov']] as const) {
      expect(tokenSimilarity(a, b), `${a}/${b}`).toBeGreaterThanOrEqual(0.9)
    }
  })

  it('leaves other words starting with d or t apart from those starting with j or ch', () => {
    for (const [a, b] of [['dean', 'jean'], ['tom', 'chom'], ['dalil', 'jamil'], ['tran', 'chan']] as const) {
      expect(tokenSimilarity(a, b), `${a}/${b}`).toBeLessThan(0.75)
    }
  })

  it('finds the listed person under such a spelling, and not a name sharing one word', () => {
    const entry = (id: string, name: string): WatchlistEntry => ({ list: 'test', id, name, aliases: [], type: 'person' })
    const index = buildNameIndex([entry('1', 'JAMIL, Qadri'), entry('2', 'CHEN, Mingfu'), entry('3', 'JEGA, Ali Abbas Usman'), entry('4', 'CHEN, Wei')])
    const top = (q: string) => index.search(q, { type: 'person' })[0]
    expect(top('DJAMIL QADRI')?.entry.id).toBe('1')
    expect(top('Mingfu Tchen')?.entry.id).toBe('2')
    expect(top('Ali Abbas Usman Djega')?.score).toBeGreaterThan(DEFAULT_NAME_THRESHOLD)
    expect(top('Ali Abbas Usman Djega')?.entry.id).toBe('3')
    expect(index.search('Mingfu Tchen', { type: 'person' }).map((m) => m.entry.id)).not.toContain('4')
  })
})
