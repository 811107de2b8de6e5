import type { ScreenedSlice, ScreenOutput } from '../core/index.ts'

/**
 * The outputs of two screenings of the same records, side by side in input order. Both are read in step, so
 * only the slices one side is ahead by are held.
 */
export async function* pairedOutputs(
  left: AsyncIterable<ScreenedSlice>,
  right: AsyncIterable<ScreenedSlice>,
): AsyncGenerator<[ScreenOutput, ScreenOutput]> {
  const a = left[Symbol.asyncIterator]()
  const b = right[Symbol.asyncIterator]()
  let leftQueue: ScreenOutput[] = []
  let rightQueue: ScreenOutput[] = []
  let leftDone = false
  let rightDone = false
  while (true) {
    if (leftQueue.length === 0 && !leftDone) {
      const next = await a.next()
      if (next.done) leftDone = true
      else leftQueue = next.value.outputs.slice()
    }
    if (rightQueue.length === 0 && !rightDone) {
      const next = await b.next()
      if (next.done) rightDone = true
      else rightQueue = next.value.outputs.slice()
    }
    if (leftQueue.length === 0 || rightQueue.length === 0) {
      if (leftQueue.length === 0 && rightQueue.length === 0 && leftDone && rightDone) return
      if ((leftQueue.length === 0 && leftDone) || (rightQueue.length === 0 && rightDone)) {
        throw new Error('the two screenings gave different numbers of outputs')
      }
      continue
    }
    const n = Math.min(leftQueue.length, rightQueue.length)
    for (let i = 0; i < n; i++) yield [leftQueue[i]!, rightQueue[i]!]
    leftQueue = leftQueue.slice(n)
    rightQueue = rightQueue.slice(n)
  }
}
