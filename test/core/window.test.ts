import { describe, expect, it } from 'vitest'
import { WindowSpec, WindowState } from '../../src/core/state/window.ts'

const H = 3_600_000

describe('WindowState', () => {
  it('keeps running count, sum and distinct over (now - window, now]', () => {
    const w = new WindowState(new WindowSpec(['count', 'sum', 'distinct'], 10 * H, 0))
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
    const w = new WindowState(new WindowSpec(['count', 'sum', 'max'], 10 * H, 5 * H))
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
    const w = new WindowState(new WindowSpec(['count'], H, H))
    for (let i = 0; i < 10_000; i++) w.add(i * 60_000, `t${i}`, [1])
    expect(w.measure(0, 9_999 * 60_000)).toBe(60)
    expect(w.size).toBeLessThanOrEqual(121 + 256)
    expect(w.isIdle(9_999 * 60_000 + 3 * H)).toBe(true)
  })

  it('agrees with a plain recount of its events, for small and large windows, late events and expiry', () => {
    // deterministic pseudo-random runs of events: each window grows past the distinct scan limit in a burst,
    // some events arrive up to the lateness allowance out of order, and quiet spells let it empty again
    let seed = 12345
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    const windowMs = 6 * H
    const latenessMs = H
    for (let run = 0; run < 100; run++) {
      const w = new WindowState(new WindowSpec(['count', 'sum', 'distinct', 'distinct'], windowMs, latenessMs))
      const events: { t: number; v: number[] }[] = []
      let clock = 0
      for (let i = 0; i < 60; i++) {
        clock += next() < 0.05 ? 10 * H : Math.floor(next() * 40 * 60_000)
        const t = next() < 0.1 ? clock - Math.floor(next() * latenessMs) : clock
        const v = [1, Math.floor(next() * 500), Math.floor(next() * 6), next() < 0.3 ? NaN : Math.floor(next() * 40)]
        w.add(t, `e${i}`, v)
        events.push({ t, v })
        const now = Math.max(t, w.clock)
        const inside = events.filter((e) => e.t > now - windowMs && e.t <= now)
        const distinct = (m: number) => new Set(inside.map((e) => e.v[m]!).filter((x) => !Number.isNaN(x))).size
        const expected = [inside.length, inside.reduce((s, e) => s + e.v[1]!, 0), distinct(2), distinct(3)]
        expect([0, 1, 2, 3].map((m) => w.measure(m, now)), `run ${run}, event ${i}`).toEqual(expected)
      }
    }
  })
})
