import { execFileSync } from 'node:child_process'
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'

/** the lowest scheduling priority (nice 19) */
const LOWEST = 19

/**
 * Gives the calling thread, and only it, the lowest scheduling priority, so that on a busy machine it runs on
 * what the event loop and the rest leave over. Linux keeps a nice value and a scheduling policy per thread:
 * `setpriority` with a thread's id (from `/proc/thread-self`) changes that thread alone, and so does
 * `chrt --idle` (util-linux) with it. A nice value weighs only against threads of the same autogroup (session),
 * so the thread also moves to SCHED_IDLE, which runs only when no other thread on the machine wants the CPU
 * (PostgreSQL and other sessions' processes included). Without chrt it stays at nice 19; elsewhere (no `/proc`)
 * nothing changes. Returns what applied.
 */
export function lowerThisThreadsPriority(): { nice: boolean; idle: boolean } {
  let tid: number
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (!Number.isInteger(tid) || tid <= 0) return { nice: false, idle: false }
    setPriority(tid, LOWEST)
  } catch {
    return { nice: false, idle: false }
  }
  try {
    execFileSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 5000 })
    return { nice: true, idle: true }
  } catch {
    return { nice: true, idle: false }
  }
}
