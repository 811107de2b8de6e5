import { describe, expect, it } from 'vitest'
import { RecentMap } from '../../src/service/recent-map.ts'

describe('RecentMap', () => {
  it('keeps the most recently added keys and forgets the oldest, in the order they were added', () => {
    const m = new RecentMap<number>(3)
    for (const [i, k] of ['a', 'b', 'c', 'd', 'e'].entries()) m.set(k, i)
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => m.get(k))).toEqual([undefined, undefined, 2, 3, 4])
    expect(m.size).toBe(3)
  })

  it('does not evict a key early that was deleted and added again, or added again while present', () => {
    const m = new RecentMap<string>(3)
    m.set('a', 'first')
    m.set('b', 'b')
    m.delete('a')
    m.set('a', 'again') // 'a' now has two places in the ring; only the newer one counts
    m.set('c', 'c') // the ring was full: evicts the slot of the first 'a', which must keep the second
    expect([m.get('a'), m.get('b'), m.get('c')]).toEqual(['again', 'b', 'c'])
    m.set('c', 'c2') // replacing: evicts 'b'; the older 'c' slot must not take the new value with it later
    expect(m.has('b')).toBe(false)
    m.set('d', 'd') // evicts the second 'a'
    m.set('e', 'e') // reaches the first 'c' slot, which is no longer the newest 'c'
    expect([m.get('a'), m.get('c'), m.get('d'), m.get('e')]).toEqual([undefined, 'c2', 'd', 'e'])
  })

  it('holds exactly the keys whose latest addition is among the last `limit` additions and not deleted since', () => {
    const m = new RecentMap<number>(50)
    let additions = 0
    const latest = new Map<string, number>() // key -> its latest addition, while not deleted since
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    for (let i = 0; i < 5000; i++) {
      const key = `k${next() % 120}`
      if (next() % 5 === 0) {
        m.delete(key)
        latest.delete(key)
      } else {
        m.set(key, i)
        latest.set(key, additions++)
      }
      for (let k = 0; k < 120; k++) {
        const added = latest.get(`k${k}`)
        expect(m.has(`k${k}`)).toBe(added !== undefined && added >= additions - 50)
      }
    }
  })

  it('refuses a limit below one', () => {
    expect(() => new RecentMap(0)).toThrow(RangeError)
  })
})
