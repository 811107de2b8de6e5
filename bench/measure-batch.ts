import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runChild } from './child.ts'
import { CLI, ROOT } from './data.ts'

export interface BatchFigures {
  records: number
  recordsPerSecond: number
  elapsedSeconds: number
  peakRssMiB: number | undefined
  /** CPU seconds of the whole child (start, compiling rules and every thread included) */
  cpuSeconds: number | undefined
  /** CPU seconds while screening, as `txscreen batch --summary-json` counts them (not for the pass-through) */
  threadCpu: { processSeconds: number; mainThreadSeconds?: number; workerThreadSeconds?: (number | undefined)[] } | undefined
  command: string
}

/**
 * `txscreen batch` (or the pass-through) in a child process; records/s is the child's own count of screening
 * time (after rules are compiled and lists loaded), peak RSS that of the whole child.
 */
export async function measureBatch(input: string, args: string[], opts: { passThrough?: boolean } = {}): Promise<BatchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'txscreen-bench-'))
  const out = join(dir, 'out.ndjson')
  const summary = join(dir, 'summary.json')
  const argv = opts.passThrough
    ? ['node', '--import', 'tsx', join(ROOT, 'bench/pass-through.ts'), input, out, summary]
    : ['node', CLI, 'batch', input, ...args, '--out', out, '--summary-json', summary, '--quiet']
  try {
    const run = await runChild(argv, { cwd: ROOT })
    if (run.code !== 0) throw new Error(`${argv.join(' ')} failed (${run.code}): ${run.stderr.trim().slice(-800)}`)
    const s = JSON.parse(readFileSync(summary, 'utf8')) as { records: number; recordsPerSecond: number; elapsedSeconds: number; cpu?: BatchFigures['threadCpu'] }
    const shown = opts.passThrough ? `npx tsx bench/pass-through.ts ${input} OUT SUMMARY` : `npx txscreen batch ${input} ${args.join(' ')}`.trim()
    return {
      records: s.records, recordsPerSecond: s.recordsPerSecond, elapsedSeconds: s.elapsedSeconds, peakRssMiB: run.peakRssMiB, cpuSeconds: run.cpuSeconds,
      threadCpu: s.cpu, command: shown,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
