import { readFileSync } from 'node:fs'

/** Linux reports thread times in clock ticks of 1/100 s (USER_HZ, fixed by the kernel's ABI). */
const TICKS_PER_SECOND = 100

/**
 * CPU seconds (user + system) the calling thread has used, from /proc/thread-self/stat; undefined where
 * there is no such file (not Linux). `process.cpuUsage()` counts the whole process, V8's collector and
 * compiler threads included, and Node 20 has no per-thread figure: this one lets a batch say how its
 * main thread and each screening thread were loaded (BENCHMARKS.md, issue 21).
 */
export function threadCpuSeconds(): number | undefined {
  let stat: string
  try {
    stat = readFileSync('/proc/thread-self/stat', 'latin1')
  } catch {
    return undefined
  }
  // fields after the parenthesised name, which may itself hold spaces: utime and stime are the 12th and 13th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return Number.isFinite(ticks) ? ticks / TICKS_PER_SECOND : undefined
}
