import { describe, expect, it } from 'vitest'
import { HeapPacer } from '../../src/batch/heap-pacer.ts'

const MiB = 2 ** 20

/** a pacer over a pretend heap: `heap.used` is what it reads, a collection brings it down to `heap.live` */
function pretend(live: number) {
  const heap = { used: live, live, collections: 0 }
  const pacer = new HeapPacer(
    () => {
      heap.collections++
      heap.used = heap.live
    },
    () => heap.used,
  )
  return { heap, pacer }
}

describe('HeapPacer', () => {
  it('collects once the heap has grown past 1.25 times what was live after the last collection', () => {
    const { heap, pacer } = pretend(400 * MiB)
    pacer.screened(1024) // the first look: nothing collected yet, so it collects and learns the live size
    expect(heap.collections).toBe(1)
    heap.used = 490 * MiB
    pacer.screened(1024)
    expect(heap.collections).toBe(1)
    heap.used = 510 * MiB
    pacer.screened(1024)
    expect(heap.collections).toBe(2)
    expect(heap.used).toBe(400 * MiB)
  })

  it('leaves a small heap at least 64 MiB of room', () => {
    const { heap, pacer } = pretend(20 * MiB)
    heap.used = 100 * MiB
    pacer.screened(1024)
    expect(heap.collections).toBe(1)
    heap.used = 80 * MiB
    pacer.screened(1024)
    expect(heap.collections).toBe(1)
    heap.used = 90 * MiB
    pacer.screened(1024)
    expect(heap.collections).toBe(2)
  })

  it('looks at the heap every 1,024 records only', () => {
    const { heap, pacer } = pretend(400 * MiB)
    for (let i = 0; i < 7; i++) pacer.screened(128)
    expect(heap.collections).toBe(0)
    pacer.screened(128)
    expect(heap.collections).toBe(1)
  })

  it('takes a collection of V8 own (the heap used fell) as the new live size', () => {
    const { heap, pacer } = pretend(400 * MiB)
    pacer.screened(1024)
    heap.used = 200 * MiB
    pacer.screened(1024)
    heap.used = 260 * MiB
    pacer.screened(1024)
    expect(heap.collections).toBe(1)
    heap.used = 270 * MiB
    pacer.screened(1024)
    expect(heap.collections).toBe(2)
  })

  it('does nothing without a way to collect', () => {
    const pacer = new HeapPacer(null, () => 4096 * MiB)
    expect(() => pacer.screened(4096)).not.toThrow()
    expect(pacer.collections).toBe(0)
  })

  it("runs V8's own full collection in a real thread", () => {
    let reads = 0
    // the first read says the heap is large, the second (after the collection) reads the real heap
    const pacer = new HeapPacer(undefined, () => (reads++ === 0 ? 8192 * MiB : process.memoryUsage().heapUsed))
    pacer.screened(1024)
    expect(pacer.collections).toBe(1)
    expect(reads).toBe(2)
  })
})
