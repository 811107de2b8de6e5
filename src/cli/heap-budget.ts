import { spawn } from 'node:child_process'

// resident memory that is not old-generation heap: Node itself, code, the young generation, I/O buffers
// (measured: a one-thread batch with a 900 MiB old generation peaked at 946 MiB RSS)
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
 * be set when a process starts); undefined when this process already is that one.
 */
export async function rerunWithOldSpace(oldSpaceMb: number): Promise<number | undefined> {
  if (process.env[ENV] === String(oldSpaceMb)) return undefined
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${oldSpaceMb}`, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [ENV]: String(oldSpaceMb) },
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}
