import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'

/** What the figures were measured on. */
export function describeMachine(): { cores: number; cpu: string; node: string; memoryGiB: number; load: string } {
  return {
    // other work on the machine skews every figure: the 1-minute load average says how much
    load: loadavg()[0]!.toFixed(1),
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  }
}
