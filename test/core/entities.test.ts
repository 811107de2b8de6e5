import { describe, expect, it } from 'vitest'
import { ROW_OWN, WindowSlots } from '../../src/core/state/window-slots.ts'

describe('WindowSlots', () => {
  it('finds each rule its own window, from the first through a busy entity, and keeps them when others are dropped', () => {
    // 20 rules: past 10 windows the entity indexes them by slot
    const slots = [7, 0, 14, 12, 3, 19, 9, 1, 13, 15, 4, 2]
    // window handles are any small integers: here 100 + slot
    const handle = (slot: number) => 100 + slot
    for (let held = 1; held <= slots.length; held++) {
      // two rows side by side: a row's blocks never overlap another's
      const rows = new WindowSlots(20)
      rows.ensure(1)
      rows.setWindow(0, 5, 55)
      const state = {
        setWindow: (slot: number, h: number) => rows.setWindow(1, slot, h),
        window: (slot: number) => rows.window(1, slot),
        windowCount: () => rows.windowCount(1),
        dropWindows: (idle: (slot: number, h: number) => boolean) => rows.dropWindows(1, idle),
      }
      for (const slot of slots.slice(0, held)) state.setWindow(slot, handle(slot))
      const made = new Set(slots.slice(0, held))
      expect(state.windowCount()).toBe(held)
      for (let slot = 0; slot < 20; slot++) expect(state.window(slot)).toBe(made.has(slot) ? handle(slot) : -1)

      // a window that moved to another slot of its pool keeps its rule's slot
      state.setWindow(slots[0]!, 999)
      expect(state.window(slots[0]!)).toBe(999)
      expect(state.windowCount()).toBe(held)
      state.setWindow(slots[0]!, handle(slots[0]!))

      // drop every other window, then give a dropped slot a new one
      const dropped = new Set(slots.slice(0, held).filter((_s, i) => i % 2 === 1))
      expect(state.dropWindows((slot, h) => h === handle(slot) && dropped.has(slot))).toBe(held - dropped.size)
      for (let slot = 0; slot < 20; slot++) expect(state.window(slot)).toBe(made.has(slot) && !dropped.has(slot) ? handle(slot) : -1)
      const again = [...dropped][0]
      if (again === undefined) continue
      state.setWindow(again, 7)
      expect(state.window(again)).toBe(7)
      expect(state.windowCount()).toBe(held - dropped.size + 1)
      expect([rows.window(0, 5), rows.windowCount(0)]).toEqual([55, 1])
      // a snapshot's form read back into a fresh row
      const out: number[] = []
      rows.writeTo(1, out)
      const copy = new WindowSlots(20)
      copy.readFrom(3, out, { at: 0 })
      for (let slot = 0; slot < 20; slot++) expect(copy.window(3, slot)).toBe(state.window(slot))
    }
  })
  it('gives a row a new window by addWindow as setWindow does, through every block size to one by slot', () => {
    const byAdd = new WindowSlots(20)
    const bySet = new WindowSlots(20)
    const order = [7, 0, 14, 12, 3, 19, 9, 1, 13, 15, 4, 2, 5, 6]
    for (const [i, slot] of order.entries()) {
      byAdd.ensure(2)
      bySet.ensure(2)
      byAdd.addWindow(2, slot, 10 * i)
      bySet.setWindow(2, slot, 10 * i)
      const a: number[] = []
      const b: number[] = []
      byAdd.writeTo(2, a)
      bySet.writeTo(2, b)
      expect(a).toEqual(b)
      expect(byAdd.windowCount(2)).toBe(i + 1)
      for (let s = 0; s < 20; s++) expect(byAdd.window(2, s)).toBe(bySet.window(2, s))
    }
  })
  it("keeps a table's own integers beside each row's windows, through the row's block moves and the rows' growth", () => {
    // 20 rules, 3 integers of the table's own a row: one array for both, so a row's state is one place in memory
    const rows = new WindowSlots(20, 3)
    const own = (row: number, k: number) => rows.columns[row * rows.stride + ROW_OWN + k]!
    const setOwn = (row: number, k: number, v: number) => {
      rows.columns[row * rows.stride + ROW_OWN + k] = v
    }
    expect(rows.stride).toBe(ROW_OWN + 3)
    for (let row = 0; row < 300; row++) {
      rows.ensure(row)
      for (let k = 0; k < 3; k++) setOwn(row, k, -(row * 3 + k) - 2 ** 30)
      // windows of 1 to 12 rules: blocks of 1, 2, 4, 8 pairs, then one by slot
      for (let slot = 0; slot <= row % 12; slot++) rows.addWindow(row, slot, row * 100 + slot)
    }
    for (let row = 0; row < 300; row++) {
      for (let k = 0; k < 3; k++) expect(own(row, k)).toBe(-(row * 3 + k) - 2 ** 30)
      expect(rows.windowCount(row)).toBe((row % 12) + 1)
      for (let slot = 0; slot < 20; slot++) expect(rows.window(row, slot)).toBe(slot <= row % 12 ? row * 100 + slot : -1)
    }
    // dropping windows (a row's block shrinks, then goes) leaves the table's integers as they were
    for (let row = 0; row < 300; row++) rows.dropWindows(row, (slot) => slot % 2 === 1 || row % 3 === 0)
    for (let row = 0; row < 300; row++) {
      for (let k = 0; k < 3; k++) expect(own(row, k)).toBe(-(row * 3 + k) - 2 ** 30)
      expect(rows.windowCount(row)).toBe(row % 3 === 0 ? 0 : Math.ceil(((row % 12) + 1) / 2))
    }
  })
})
