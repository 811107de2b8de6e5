import { readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'

/**
 * `node`'s arguments to start the service of the checkout at `root` the way its `npm start` does (its package.json
 * "start" script: `node [FLAGS] --import tsx FILE`, or `tsx FILE` as older checkouts had it), with `extra` flags
 * first (e.g. `--cpu-prof`). The benchmarks start the server through this, so a checkout's runtime flags (the
 * young generation's size, BENCHMARKS.md session rt25) are measured as it is deployed, and an older checkout
 * compared with it runs with its own.
 */
export function serverNodeArgs(root: string, extra: readonly string[] = []): string[] {
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } }).scripts?.start ?? ''
  const words = start.split(/\s+/).filter(Boolean)
  const file = words.at(-1)
  if (!file?.endsWith('.ts') || (words[0] !== 'node' && words[0] !== 'tsx')) throw new Error(`${root}/package.json: a start script "node [flags] --import tsx FILE" or "tsx FILE" was expected, got "${start}"`)
  const flags = words[0] === 'node' ? words.slice(1, -1) : ['--import', 'tsx']
  return [...extra, ...flags, isAbsolute(file) ? file : join(root, file)]
}
