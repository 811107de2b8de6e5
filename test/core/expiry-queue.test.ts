import { describe, expect, it } from 'vitest'
import { EntityTable } from '../../src/core/state/entities.ts'
import { ExpiryQueue, NOT_DUE } from '../../src/core/state/expiry-queue.ts'
import { WindowPool } from '../../src/core/state/window-pool.ts'
import { WindowSpec, WindowState } from '../../src/core/state/window.ts'

const H = 3_600_000
const DAY = 24 * H

describe('ExpiryQueue', () => {
  it('puts an item idle already (an empty window, time -Infinity) in a real day before any visit, so a visit ends', () => {
    // a restored snapshot can hold an empty window; a bucket at day -Infinity made visitDue loop for ever
    const q = new ExpiryQueue<{ due: number }>()
    const empty = { due: NOT_DUE }
    q.schedule(empty, Number.NEGATIVE_INFINITY)
    expect(Number.isFinite(empty.due)).toBe(true)
    const seen: unknown[] = []
    q.visitDue(20_000 * DAY, (x) => seen.push(x))
    expect(seen).toEqual([empty])
  })

  it('hands each item over once, on the first call after its day, and skips the buckets it moved out of', () => {
    const q = new ExpiryQueue<{ name: string; due: number }>()
    const a = { name: 'a', due: NOT_DUE }
    const b = { name: 'b', due: NOT_DUE }
    const c = { name: 'c', due: NOT_DUE }
    q.schedule(a, 3 * DAY + 1) // due on day 4
    q.schedule(b, 5 * DAY) // due on day 5
    q.schedule(c, 9 * DAY)
    q.schedule(c, 2 * DAY) // earlier: moves to day 2
    q.schedule(a, 8 * DAY) // later: stays where it is
    const seen: string[] = []
    q.visitDue(4 * DAY - 1, (x) => seen.push(x.name))
    expect(seen).toEqual(['c'])
    // a call far past many empty days visits the rest in day order
    q.visitDue(400 * DAY, (x) => seen.push(x.name))
    expect(seen).toEqual(['c', 'a', 'b'])
    expect([a.due, b.due, c.due]).toEqual([NOT_DUE, NOT_DUE, NOT_DUE])
    expect(q.entries).toBe(0)
    // a time before the days already visited goes to the next day visited
    q.schedule(a, DAY)
    q.visitDue(401 * DAY, (x) => seen.push(x.name))
    expect(seen).toEqual(['c', 'a', 'b', 'a'])
  })
})

describe('EntityTable expiry', () => {
  it('frees a window within a day of its going idle (within days for an entity looked at before), keeps the others, and drops an entity left with none', () => {
    const short = new WindowSpec(['count'], 2 * DAY, H)
    const long = new WindowSpec(['count'], 10 * DAY, H)
    const cursors = [new WindowState(short, new WindowPool(short)), new WindowState(long, new WindowPool(long))]
    const table = new EntityTable()
    cursors.forEach((c) => table.addRule(c))
    const add = (key: string, slot: number, ts: number) => {
      const row = table.obtain(key)
      const before = table.window(row, slot)
      const w = before >= 0 ? cursors[slot]!.at(before) : cursors[slot]!.at(cursors[slot]!.pool.allocate())
      w.add(ts, `${key}@${ts}`, [1])
      table.setWindow(row, slot, w.handle)
      if (before < 0) table.opened(row, w.idleFrom())
    }
    add('x', 0, 0)
    add('x', 1, 0)
    add('y', 0, 0)
    const window = (key: string, slot: number) => table.window(table.find(key), slot)
    const shortHandles = [window('x', 0), window('y', 0)]
    // y's window gains an event a day later: it goes idle later than it was queued for
    add('y', 0, DAY + 3 * H)
    expect(table.windows()).toBe(3)
    // x's short window is idle from day 2 + 1 h, and freed on the first call of day 3
    table.expire(3 * DAY - 1)
    expect(window('x', 0)).not.toBe(-1)
    table.expire(3 * DAY)
    expect([window('x', 0), window('x', 1) !== -1, table.find('y') >= 0]).toEqual([-1, true, true])
    // y kept its window when looked at on day 3: it is looked at again 4 days later, not as soon as it goes idle
    table.expire(6 * DAY)
    expect(table.find('y')).toBeGreaterThanOrEqual(0)
    table.expire(7 * DAY)
    expect(table.find('y')).toBe(-1)
    expect(table.windows()).toBe(1)
    // the freed slots are taken by the next new windows
    expect(shortHandles).toContain(cursors[0]!.pool.allocate())
    table.expire(11 * DAY - 1)
    expect(table.find('x')).toBeGreaterThanOrEqual(0)
    table.expire(11 * DAY)
    expect(table.find('x')).toBe(-1)
    expect(table.windows()).toBe(0)
  })
})
