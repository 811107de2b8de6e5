import { describe, expect, it } from 'vitest'
import { EntityTable } from '../../src/core/state/entities.ts'
import { DAY_MS } from '../../src/core/state/expiry-queue.ts'
import { WindowPool } from '../../src/core/state/window-pool.ts'
import { WindowSpec, WindowState } from '../../src/core/state/window.ts'

const H = 3_600_000
const MINUTE_MS = 60_000

/** a small deterministic generator, so a failure repeats */
function random(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648
    return s / 2_147_483_648
  }
}

describe('EntityTable expiry', () => {
  it('frees exactly the idle windows of a row it visits, mostly without reading them, before and after a restore', () => {
    // rules of different windows: a one-off party's windows go idle on different days
    const cursors = [1, 5, 30, 2, 11].map((hours) => {
      const spec = new WindowSpec(['count', 'sum'], hours * H, H)
      return new WindowState(spec, new WindowPool(spec))
    })
    let now = 0
    let expiring = false
    let freed = 0
    let reads = 0
    let visited = 0
    // every release by expiry checked against the window's own idle time (a window moving to a larger slot
    // releases its old one too); every read of a window's idle time by expiry counted
    const idleFrom = cursors.map((c) => c.pool.idleFrom.bind(c.pool))
    cursors.forEach((c, slot) => {
      const release = c.pool.release.bind(c.pool)
      c.pool.release = (handle: number) => {
        if (expiring) {
          expect(idleFrom[slot]!(handle)).toBeLessThanOrEqual(now)
          freed++
        }
        release(handle)
      }
      c.pool.idleFrom = (handle: number) => {
        if (expiring) reads++
        return idleFrom[slot]!(handle)
      }
    })
    const newTable = () => {
      const t = new EntityTable()
      for (const c of cursors) t.addRule(c)
      // a row visited keeps no window idle by then, but for the minute its bounds round to
      const slots = t.windowSlots
      const drop = slots.dropWindows.bind(slots)
      slots.dropWindows = (row, idle) => {
        if (!expiring) return drop(row, idle)
        visited += slots.windowCount(row)
        const kept = drop(row, idle)
        for (let slot = 0; slot < cursors.length; slot++) {
          const h = slots.window(row, slot)
          if (h >= 0) expect(idleFrom[slot]!(h)).toBeGreaterThan(now - MINUTE_MS)
        }
        return kept
      }
      return t
    }
    let table = newTable()
    const expire = () => {
      expiring = true
      table.expire(now)
      expiring = false
    }
    const next = random(7)
    let opened = 0
    let ts = 0
    for (let i = 0; i < 6_000; i++) {
      // a restored table knows its windows' times from the pools only, then takes new events on top
      if (i === 3_000) {
        const restored = newTable()
        restored.restore(table.snapshot())
        table = restored
      }
      // most parties once, some back a day or two later (across the restore too), a few again and again, late
      // events among them
      ts += Math.floor(next() * 20 * 60_000)
      const pick = next()
      const key =
        pick < 0.75 ? `one-${i}` : pick < 0.85 ? `one-${Math.max(0, i - 1 - Math.floor(next() * 200))}` : `busy-${Math.floor(next() * 20)}`
      const at = next() < 0.1 ? ts - Math.floor(next() * H) : ts
      const row = table.obtain(key)
      for (let slot = 0; slot < cursors.length; slot++) {
        if (next() < 0.3) continue
        const cursor = cursors[slot]!
        const handle = table.window(row, slot)
        const window = handle >= 0 ? cursor.at(handle) : cursor.at(cursor.pool.allocate())
        window.add(at, `t${i}`, [1, 100])
        table.added(row, at)
        if (window.handle !== handle) {
          table.setWindow(row, slot, window.handle)
          if (handle < 0) {
            opened++
            table.opened(row, at + cursor.pool.spec.windowMs + cursor.pool.spec.latenessMs)
          }
        }
      }
      // expiry at any time within the minute, not only once a day
      now = Math.max(now, ts)
      expire()
    }
    expect(freed).toBeGreaterThan(1_000)
    // the bounds decide most windows: a one-off party's from its one minute
    expect(reads).toBeLessThan(visited / 4)
    // long after the last event every window is idle, and gone
    now += 60 * DAY_MS
    expire()
    expect(table.windows()).toBe(0)
    expect(freed).toBe(opened)
  })

  it("reads a restored row's windows: an event after the restore says nothing of the restored ones' times", () => {
    // rules of 1 and 5 days (1 h lateness), each with a window whose latest event was on day 10
    const cursors = [1, 5].map((days) => {
      const spec = new WindowSpec(['count'], days * DAY_MS, H)
      return new WindowState(spec, new WindowPool(spec))
    })
    const before = new EntityTable()
    for (const c of cursors) before.addRule(c)
    const row = before.obtain('party')
    cursors.forEach((c, slot) => {
      const w = c.at(c.pool.allocate())
      w.add(10 * DAY_MS, `t${slot}`, [1])
      before.added(row, 10 * DAY_MS)
      before.setWindow(row, slot, w.handle)
      before.opened(row, 10 * DAY_MS + c.pool.spec.windowMs + H)
    })
    const table = new EntityTable()
    for (const c of cursors) table.addRule(c)
    table.restore(before.snapshot())
    // a late event of day 6 joins the 1-day rule's window: the 5-day rule's window still goes idle on day 15 only
    // (its queue visits the row on day 12, when the 1-day rule's window is idle)
    const r = table.find('party')
    cursors[0]!.at(table.window(r, 0)).add(6 * DAY_MS, 'late', [1])
    table.added(r, 6 * DAY_MS)
    table.expire(12 * DAY_MS + MINUTE_MS)
    expect(table.window(r, 0)).toBe(-1)
    expect(table.window(r, 1)).toBeGreaterThanOrEqual(0)
  })

  it("takes what a day's expiry freed from the lowest row and window slot up, whatever order the parties left in", () => {
    const spec = new WindowSpec(['count', 'sum'], H, H)
    const cursor = new WindowState(spec, new WindowPool(spec))
    const table = new EntityTable()
    const slot = table.addRule(cursor)
    const next = random(7)
    // 300 one-off parties, each a window of one event, at scattered times of day 0
    const rows: number[] = []
    const handles: number[] = []
    for (let i = 0; i < 300; i++) {
      const ts = Math.floor(next() * 20 * H)
      const row = table.obtain(`p${i}`)
      cursor.open(ts, `t${i}`, [1, 5])
      table.addWindow(row, slot, cursor.handle)
      table.opened(row, ts + 2 * H)
      table.added(row, ts)
      rows.push(row)
      handles.push(cursor.handle)
    }
    table.expire(2 * DAY_MS)
    expect(table.windows()).toBe(0)
    // the next parties take the freed rows and windows in increasing order: side by side in memory
    const again: number[] = []
    const slotsAgain: number[] = []
    for (let i = 0; i < 300; i++) {
      again.push(table.obtain(`q${i}`))
      cursor.open(2 * DAY_MS + i, `u${i}`, [1, 5])
      slotsAgain.push(cursor.handle)
    }
    expect(again).toEqual([...rows].sort((a, b) => a - b))
    expect(slotsAgain).toEqual([...handles].sort((a, b) => a - b))
  })
})
