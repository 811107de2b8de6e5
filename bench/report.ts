import { existsSync, readFileSync, writeFileSync } from 'node:fs'

export interface Row {
  name: string
  rate: string
  ratio: string
  latency: string
  rss: string
  note: string
}

export function markdownTable(rows: Row[]): string {
  const head = '| measurement | throughput | vs pass-through | latency p50 / p95 / p99 | peak RSS | notes |\n|---|---:|---:|---|---:|---|'
  return [head, ...rows.map((r) => `| ${r.name} | ${r.rate} | ${r.ratio} | ${r.latency} | ${r.rss} | ${r.note} |`)].join('\n')
}

export const fmtRate = (n: number, unit = 'rec/s') => `${Math.round(n).toLocaleString('en-US')} ${unit}`
export const fmtMiB = (n: number | undefined) => (n === undefined ? 'n/a' : `${Math.round(n)} MiB`)

const markers = (section: string) => ({
  start: `<!-- ${section}:start (written by a script; edit outside these markers) -->`,
  end: `<!-- ${section}:end -->`,
})

/**
 * Replaces one generated section of BENCHMARKS.md ("bench" or "memory") and keeps everything else,
 * the hand-kept history included; a missing section is added at the end.
 */
export function writeBenchmarks(path: string, generated: string, section = 'bench'): void {
  const { start, end } = markers(section)
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n'
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  const next =
    from >= 0 && to > from
      ? `${text.slice(0, from + start.length)}\n${generated}\n${text.slice(to)}`
      : `${text.trimEnd()}\n\n${start}\n${generated}\n${end}\n`
  writeFileSync(path, next)
}
