import { spawn } from 'node:child_process'

// resident memory that is not old-generation heap: Node itself, code, the young generation, I/O buffers
// (the measurement it rests on: docs/engine.md, "Memory")
const PROCESS_OVERHEAD_MB = 160
// the same for each worker thread's isolate
const WORKER_OVERHEAD_MB = 60
const MIN_OLD_SPACE_MB = 128
const ENV = 'TXSCREEN_OLD_SPACE_MB'

/**
 * Old-generation sizes that keep a batch of `threads` threads within `maxMemoryMb` of resident memory.
 * Window state is the heap's live part and stays level over a long batch; V8 would otherwise let the heap
 * grow to several times that before collecting, so a cap trades some collection time for a fixed ceiling.
 */
export function heapBudget(maxMemoryMb: number, threads: number): { perThreadMb: number } | { error: string } {
  const available = maxMemoryMb - PROCESS_OVERHEAD_MB - WORKER_OVERHEAD_MB * (threads - 1)
  const perThreadMb = Math.floor(available / threads)
  if (perThreadMb < MIN_OLD_SPACE_MB) {
    return { error: `--max-memory ${maxMemoryMb} leaves ${perThreadMb} MiB of heap per thread; give at least ${PROCESS_OVERHEAD_MB + (MIN_OLD_SPACE_MB + WORKER_OVERHEAD_MB) * threads} or fewer --threads` }
  }
  return { perThreadMb }
}

/**
 * Runs this same command again in a Node process whose old generation is `oldSpaceMb` (a heap limit can only
 * be set when a process starts); undefined when this process already is that one. `outOfMemory`: V8 aborted
 * the run on reaching that limit (after its own report on stderr).
 */
export async function rerunWithOldSpace(oldSpaceMb: number): Promise<{ code: number; outOfMemory: boolean } | undefined> {
  if (process.env[ENV] === String(oldSpaceMb)) return undefined
  // --expose-gc: watchResidentMemory collects before it judges
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${oldSpaceMb}`, '--expose-gc', ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [ENV]: String(oldSpaceMb) },
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    // V8 ends a process whose heap is full with abort()
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), outOfMemory: signal === 'SIGABRT' }))
  })
}

/**
 * Window state lives mostly outside the V8 heap (the typed-array window pools, state/window-pool.ts), which the
 * old-space cap does not bound; so the capped process also watches its resident memory. Past `maxMemoryMb` a full
 * collection of this thread's heap runs first; still past it, the run stops as V8 stops a full heap, with
 * abort(), and the parent process says so (rerunWithOldSpace's `outOfMemory`).
 */
export function watchResidentMemory(maxMemoryMb: number): void {
  const limit = maxMemoryMb * 2 ** 20
  const gc = (globalThis as { gc?: () => void }).gc
  setInterval(() => {
    if (process.memoryUsage.rss() <= limit) return
    gc?.()
    if (process.memoryUsage.rss() > limit) process.abort()
  }, 250).unref()
}

/** What to tell the user when screening state outgrew the heap that `--max-memory` left it. */
export function outgrewHeap(maxMemoryMb: number, perThreadMb: number, threads: number): string {
  return (
    `the screening state outgrew the ${perThreadMb} MiB heap that --max-memory ${maxMemoryMb} leaves ` +
    `${threads === 1 ? 'its thread' : `each of its ${threads} threads`}, and the output stops where it did. A batch holds the state of the records ` +
    `inside its longest window, not of the whole batch: give it more --max-memory${threads > 1 ? ' or fewer --threads' : ''} ` +
    `(docs/engine.md, "Sizing a batch").`
  )
}
