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
  it('opens a window with its first event as adding it to an empty window does, then grows it alike', () => {
    const spec = new WindowSpec(['count', 'sum', 'max', 'distinct'], 10 * H, H)
    const opened = new WindowState(spec, new WindowPool(spec))
    const added = new WindowState(spec, new WindowPool(spec))
    // a freed slot first, so the opened window reuses one that held events
    opened.at(opened.pool.allocate()).add(3, 'old', [1, 7, 7, 7])
    opened.pool.release(opened.handle)
    added.at(added.pool.allocate()).add(3, 'old', [1, 7, 7, 7])
    added.pool.release(added.handle)
    const events: [number, string, number[]][] = [
      [5 * H, 'a', [1, 250, 250, 4]],
      [5 * H + 1, 'b', [Number.NaN, 30, 30, Number.NaN]],
      [4 * H, 'late', [1, 5, 5, 4]],
      [20 * H, 'c', [1, 1, 1, 9]],
    ]
    for (const [i, [ts, id, c]] of events.entries()) {
      if (i === 0) opened.open(ts, id, c)
      else opened.add(ts, id, c)
      if (i === 0) added.at(added.pool.allocate())
      added.add(ts, id, c)
      for (const t of [ts, ts + H, 40 * H]) {
        expect([0, 1, 2, 3].map((m) => opened.measure(m, t)), `after ${id} at ${t}`).toEqual([0, 1, 2, 3].map((m) => added.measure(m, t)))
        expect(opened.recentIds(t, 10)).toEqual(added.recentIds(t, 10))
      }
      expect([opened.size, opened.clock, opened.idleFrom(), opened.handle]).toEqual([added.size, added.clock, added.idleFrom(), added.handle])
    }
  })
})
