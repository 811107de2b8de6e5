import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { runChild } from './child.ts'

/** Generated data lives outside the repository and is reused across runs: generation is slow and deterministic. */
export const CACHE_DIR = process.env.TXSCREEN_BENCH_CACHE ?? '/tmp/txscreen-bench'
export const ROOT = new URL('..', import.meta.url).pathname
export const CLI = join(ROOT, 'bin/txscreen.js')

/**
 * The options of issue 21's many-parties file beside `--counterparties N`: every benign transfer between two lean
 * pool parties (records of about 330 bytes), so with N twice the records most parties appear once or twice.
 */
export const MANY_PARTIES = ['--lean-parties', '--benign-families', 'none', '--illicit-share', '0']

/**
 * records.ndjson for seed/records/accounts, generated once (into a temporary folder, renamed when complete).
 * `counterparties`: the many-parties population (`txscreen generate --counterparties N` with MANY_PARTIES).
 */
export async function generatedRecords(seed: number, records: number, accounts: number, counterparties?: number): Promise<string> {
  const dir = join(CACHE_DIR, `seed${seed}-r${records}-a${accounts}${counterparties ? `-c${counterparties}-lean` : ''}`)
  const file = join(dir, 'records.ndjson')
  if (existsSync(file)) return file
  mkdirSync(CACHE_DIR, { recursive: true })
  const partial = `${dir}.partial`
  rmSync(partial, { recursive: true, force: true })
  process.stderr.write(`generating ${records.toLocaleString('en-US')} records (seed ${seed}, ${accounts} accounts${counterparties ? `, ${counterparties} counterparties` : ''}) into ${dir} ...\n`)
  const sparse = counterparties ? ['--counterparties', String(counterparties), ...MANY_PARTIES] : []
  // without the sanctioned_name typology and dates of birth, so the files are the bytes earlier sessions measured on (BENCHMARKS.md)
  const run = await runChild(['node', CLI, 'generate', '--seed', String(seed), '--records', String(records), '--accounts', String(accounts), ...sparse, '--sanctions-list', 'none', '--birth-dates', '0', '--out', partial, '--quiet'], { cwd: ROOT })
  if (run.code !== 0) throw new Error(`txscreen generate failed (${run.code}): ${run.stderr.trim()}`)
  renameSync(partial, dir)
  return file
}
