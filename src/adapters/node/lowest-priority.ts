import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { setPriority } from 'node:os'

/** the lowest scheduling priority (nice 19) */
const LOWEST = 19

/**
 * Gives every thread of this process the lowest scheduling priority, so that on a busy machine the process runs
 * on what the rest leaves over. Linux keeps a nice value and a scheduling policy per thread, and a thread created
 * later inherits its creator's: each thread present (the JavaScript thread, V8's garbage-collector and compiler
 * threads, libuv's) gets nice 19 through `setpriority` with its id, and the SCHED_IDLE policy through `chrt --idle
 * --all-tasks` (util-linux), which runs a thread only when no other thread on the machine wants the CPU. A nice value
 * alone weighs only against threads of the same autogroup (session); SCHED_IDLE also yields to PostgreSQL and other
 * sessions' processes. Without chrt it stays at nice 19; elsewhere (no `/proc`) nothing changes. Returns what applied.
 */
export function lowerThisProcessPriority(): { nice: boolean; idle: boolean } {
  try {
    for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), LOWEST)
  } catch {
    return { nice: false, idle: false }
  }
  try {
    execFileSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(process.pid)], { stdio: 'ignore', timeout: 5000 })
    return { nice: true, idle: true }
  } catch {
    return { nice: true, idle: false }
  }
}
