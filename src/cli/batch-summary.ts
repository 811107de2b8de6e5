import { formatDuration, type ScreenOutput } from '../core/index.ts'
import { threadCpuSeconds } from '../batch/thread-cpu.ts'

/** Running totals for the end-of-batch summary. */
export class BatchSummary {
  records = 0
  errors = 0
  readonly decisions = { clear: 0, review: 0, block: 0 }
  readonly hitsPerRule = new Map<string, number>()
  readonly errorCodes = new Map<string, number>()
  /** records more than the ruleset's lateness behind the latest event time before them (set at the end) */
  outOfOrder = 0
  /**
   * CPU seconds spent while screening (set at the end): the whole process's (V8's collector and compiler
   * threads included), this thread's, and each screening worker's; a thread's is absent where it cannot be read.
   * With workers, also the wall time this thread waited for their hits and each of them for records.
   */
  cpu:
    | {
        processSeconds: number
        mainThreadSeconds?: number
        workerThreadSeconds?: (number | undefined)[]
        mainWaitSeconds?: number
        workerIdleSeconds?: number[]
      }
    | undefined
  private readonly started = performance.now()
  private readonly cpuAtStart = { process: process.cpuUsage(), mainThread: threadCpuSeconds() }

  /** `latenessMs`: the ruleset's allowance, for the warning */
  constructor(private readonly latenessMs = 0) {}

  add(out: ScreenOutput): void {
    this.records++
    if ('error' in out) {
      this.errors++
      this.errorCodes.set(out.error.code, (this.errorCodes.get(out.error.code) ?? 0) + 1)
      return
    }
    this.decisions[out.decision]++
    for (const h of out.hits) this.hitsPerRule.set(h.rule, (this.hitsPerRule.get(h.rule) ?? 0) + 1)
  }

  /** sets `cpu` from the process's and this thread's CPU time now, and the workers' own counts (and waits, with workers) */
  countCpu(workerThreadSeconds: readonly (number | undefined)[], waits?: { main: number; workers: readonly number[] }): void {
    const used = process.cpuUsage(this.cpuAtStart.process)
    const main = threadCpuSeconds()
    const round = (s: number) => Math.round(s * 100) / 100
    this.cpu = {
      processSeconds: round((used.user + used.system) / 1e6),
      ...(main !== undefined && this.cpuAtStart.mainThread !== undefined && { mainThreadSeconds: round(main - this.cpuAtStart.mainThread) }),
      ...(workerThreadSeconds.length > 0 && { workerThreadSeconds: workerThreadSeconds.map((s) => (s === undefined ? s : round(s))) }),
      ...(waits && workerThreadSeconds.length > 0 && { mainWaitSeconds: round(waits.main), workerIdleSeconds: waits.workers.map(round) }),
    }
  }

  get elapsedSeconds(): number {
    return (performance.now() - this.started) / 1000
  }

  toJSON() {
    const elapsed = this.elapsedSeconds
    return {
      records: this.records,
      errors: this.errors,
      errorCodes: Object.fromEntries(this.errorCodes),
      decisions: this.decisions,
      outOfOrder: this.outOfOrder,
      hitsPerRule: Object.fromEntries([...this.hitsPerRule].sort((a, b) => b[1] - a[1])),
      elapsedSeconds: Math.round(elapsed * 100) / 100,
      recordsPerSecond: Math.round(this.records / Math.max(elapsed, 1e-9)),
      ...(this.cpu && { cpu: this.cpu }),
    }
  }

  format(): string {
    const s = this.toJSON()
    const lines = [
      `records ${s.records}  errors ${s.errors}  clear ${s.decisions.clear}  review ${s.decisions.review}  block ${s.decisions.block}`,
      `elapsed ${s.elapsedSeconds.toFixed(2)} s  ${s.recordsPerSecond.toLocaleString('en-US')} records/s`,
    ]
    if (this.hitsPerRule.size > 0) {
      lines.push('hits per rule:')
      for (const [rule, n] of Object.entries(s.hitsPerRule)) lines.push(`  ${rule.padEnd(32)} ${n}`)
    }
    if (this.errorCodes.size > 0) {
      lines.push('errors:')
      for (const [code, n] of this.errorCodes) lines.push(`  ${code.padEnd(32)} ${n}`)
    }
    if (this.outOfOrder > 0) lines.push(outOfOrderWarning(this.outOfOrder, this.latenessMs))
    return lines.join('\n')
  }
}

/**
 * Windows follow event time: an unsorted file screens without an error, but not as its transfers happened,
 * so `batch` and `eval` say how many records came out of order.
 */
export function outOfOrderWarning(count: number, latenessMs: number): string {
  return (
    `warning: ${count} record${count === 1 ? '' : 's'} came more than ${formatDuration(latenessMs)} (the ruleset's lateness) behind the ` +
    'latest transfer time before them, so the rules did not see them in time order. Sort the input by timestamp for exact windows.'
  )
}
