import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'

/** the lowest scheduling priority (nice 19) */
const LOWEST = 19

/**
 * Gives the calling thread, and only it, the lowest scheduling priority, so that on a busy machine it runs on
 * what the event loop and the rest leave over. Linux keeps a nice value per thread: `setpriority` with a
 * thread's id (from `/proc/thread-self`) changes that thread alone. Elsewhere (no `/proc`) it does nothing.
 * Returns whether it applied.
 */
export function lowerThisThreadsPriority(): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (!Number.isInteger(tid) || tid <= 0) return false
    setPriority(tid, LOWEST)
    return true
  } catch {
    return false
  }
}
