import { describe, expect, it } from 'vitest'
import { WindowState } from '../../src/core/state/window.ts'

const H = 3_600_000

describe('WindowState', () => {
  it('keeps running count, sum and distinct over (now - window, now]', () => {
    const w = new WindowState(['count', 'sum', 'distinct'], 10 * H, 0)
    w.add(0, 'a', [1, 100, 0])
    w.add(5 * H, 'b', [1, 250, 1])
    w.add(9 * H, 'c', [1, 50, 0])
    expect([w.measure(0, 9 * H), w.measure(1, 9 * H), w.measure(2, 9 * H)]).toEqual([3, 400, 2])
    // at exactly 10h the first event is window-length old and leaves
    w.add(10 * H, 'd', [NaN, 1, NaN])
    expect([w.measure(0, 10 * H), w.measure(1, 10 * H), w.measure(2, 10 * H)]).toEqual([2, 301, 2])
    expect(w.measure(2, 16 * H)).toBe(1)
    expect(w.recentIds(16 * H, 10)).toEqual(['c', 'd'])
  })

  it('places a late event in time order and measures its own window exactly', () => {
    const w = new WindowState(['count', 'sum', 'max'], 10 * H, 5 * H)
    w.add(20 * H, 'a', [1, 10, 10])
    w.add(30 * H, 'b', [1, 20, 20])
    // 8h late: inside the lateness allowance of the retained events
    w.add(22 * H, 'late', [1, 5, 5])
    expect(w.measure(0, 22 * H)).toBe(2) // a and itself
    expect(w.measure(1, 22 * H)).toBe(15)
    // the window ending at 30h holds b and the late one (22h > 20h)
    expect(w.measure(0, 30 * H)).toBe(2)
    expect(w.measure(1, 30 * H)).toBe(25)
    expect(w.measure(2, 30 * H)).toBe(20)
  })

  it('drops what is older than window plus lateness, so memory follows the live window', () => {
    const w = new WindowState(['count'], H, H)
    for (let i = 0; i < 10_000; i++) w.add(i * 60_000, `t${i}`, [1])
    expect(w.measure(0, 9_999 * 60_000)).toBe(60)
    expect(w.size).toBeLessThanOrEqual(121 + 256)
    expect(w.isIdle(9_999 * 60_000 + 3 * H)).toBe(true)
  })
})
