import { describe, expect, it } from 'vitest'
import { WindowPool } from '../../src/core/state/window-pool.ts'
import { WindowSpec, WindowState } from '../../src/core/state/window.ts'

const H = 3_600_000

describe('WindowPool', () => {
  it('keeps many windows apart through one cursor while they grow, move and are freed and reused', () => {
    const spec = new WindowSpec(['count', 'sum', 'distinct'], 10 * H, H)
    const pool = new WindowPool(spec)
    const cursor = new WindowState(spec, pool)
    // window w gets w + 1 events, interleaved, so windows move to larger slots between each other's writes
    const handles = Array.from({ length: 40 }, () => pool.allocate())
    const alone = handles.map(() => new WindowState(spec))
    for (let round = 0; round < 40; round++) {
      for (let w = round; w < 40; w++) {
        const event = [1, 100 * w + round, round % 3] as const
        cursor.at(handles[w]!).add(round * 60_000, `w${w}e${round}`, event)
        handles[w] = cursor.handle
        alone[w]!.add(round * 60_000, `w${w}e${round}`, event)
      }
    }
    const t = 40 * 60_000
    for (let w = 0; w < 40; w++) {
      const win = cursor.at(handles[w]!)
      expect([0, 1, 2].map((m) => win.measure(m, t)), `window ${w}`).toEqual([0, 1, 2].map((m) => alone[w]!.measure(m, t)))
      expect(win.recentIds(t, 50)).toEqual(alone[w]!.recentIds(t, 50))
    }
    expect(new Set(handles).size).toBe(40)

    // a freed window's slot is handed out again, empty: no totals, no ids of the window that had it
    pool.release(handles[0]!)
    const again = pool.allocate()
    expect(again).toBe(handles[0])
    const fresh = cursor.at(again)
    expect([fresh.size, fresh.measure(0, t), fresh.measure(1, t), fresh.recentIds(t, 10).length]).toEqual([0, 0, 0, 0])
  })
})
