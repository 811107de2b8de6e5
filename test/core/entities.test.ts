import { describe, expect, it } from 'vitest'
import { EntityState } from '../../src/core/state/entities.ts'
import { WindowSpec, WindowState } from '../../src/core/state/window.ts'

const spec = new WindowSpec(['count'], 3_600_000, 0)

describe('EntityState', () => {
  it('finds each rule its own window, from the first through a busy entity, and keeps them when others are dropped', () => {
    const slots = [7, 0, 34, 12, 3, 20, 9, 1, 33, 15]
    for (let held = 1; held <= slots.length; held++) {
      const state = new EntityState('id:A', 35)
      const made = new Map<number, WindowState>()
      for (const slot of slots.slice(0, held)) {
        const w = new WindowState(spec)
        state.addWindow(slot, w)
        made.set(slot, w)
      }
      expect(state.windowCount()).toBe(held)
      for (let slot = 0; slot < 35; slot++) expect(state.window(slot)).toBe(made.get(slot))

      // drop every other window, then give a dropped slot a new one
      const dropped = new Set(slots.slice(0, held).filter((_s, i) => i % 2 === 1))
      expect(state.dropWindows((w) => [...dropped].some((s) => made.get(s) === w))).toBe(held - dropped.size)
      for (let slot = 0; slot < 35; slot++) expect(state.window(slot)).toBe(dropped.has(slot) ? undefined : made.get(slot))
      const again = [...dropped][0]
      if (again === undefined) continue
      const fresh = new WindowState(spec)
      state.addWindow(again, fresh)
      expect(state.window(again)).toBe(fresh)
      expect(state.windowCount()).toBe(held - dropped.size + 1)
    }
  })
})
