import { describe, expect, it } from 'vitest'
import { IdHashSet } from '../../src/service/id-hash-set.ts'
import { SeenIds } from '../../src/service/seen-ids.ts'

describe('SeenIds', () => {
  it('forgets ids in the order they came, while their time is before the cut', () => {
    const ids = new SeenIds()
    ids.add('a', 10)
    ids.add('b', 20)
    ids.add('late', 5) // out of time order: waits behind b
    ids.add('c', 30)
    ids.forgetBefore(25)
    expect(['a', 'b', 'late', 'c'].filter((id) => ids.has(id))).toEqual(['c'])
    ids.delete('c')
    ids.add('d', 40)
    ids.forgetBefore(35)
    expect(ids.has('d')).toBe(true)
    expect(ids.size).toBe(1)
  })

  it('keeps an id added again at its first time and place', () => {
    const ids = new SeenIds()
    ids.add('x', 100)
    ids.add('x', 1)
    ids.forgetBefore(50)
    expect(ids.has('x')).toBe(true)
  })
})

describe('IdHashSet', () => {
  it('tells every repeat from a first sighting across growth', () => {
    const set = new IdHashSet()
    const firsts = Array.from({ length: 50_000 }, (_, i) => set.add(`T-${i}`))
    expect(firsts.every(Boolean)).toBe(true)
    expect(set.size).toBe(50_000)
    expect([set.add('T-0'), set.add('T-49999'), set.add('T-50000')]).toEqual([false, false, true])
  })
})
