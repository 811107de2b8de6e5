import { spawn, type ChildProcess } from 'node:child_process'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { serverNodeArgs } from './server-command.ts'

const ROOT = new URL('../..', import.meta.url).pathname
const SERVER = join(ROOT, 'src/adapters/node/server.ts')
const KEYS_COMMAND = join(ROOT, 'src/cli/commands/keys.ts')
const CLI = join(ROOT, 'bin/txscreen.js')
const HOST = '127.0.0.1'

export interface RunningService {
  baseUrl: string
  key: string
  store: string
  /** stops the server and returns its RSS high-water mark in MiB (Linux /proc), when known */
  stop(): Promise<number | undefined>
  /** what the server wrote to stderr so far (its log: warm-up, slow commits, flush sizes at exit) */
  log(): string
  /** CPU seconds (user + system, every thread) the server process has used so far (Linux /proc), when known */
  cpuSeconds(): number | undefined
}

export type ServiceOrSkip = RunningService | { skipped: string }

/** Why the service cannot be started from this checkout, or undefined when it can. */
export function serviceMissing(): string | undefined {
  if (!existsSync(SERVER)) return 'src/adapters/node/server.ts has not landed'
  if (!existsSync(KEYS_COMMAND)) return '`txscreen keys` (src/cli/commands/keys.ts) has not landed'
  return undefined
}

/**
 * A fresh PostgreSQL database on loopback for one run (dropped and created again). TXSCREEN_BENCH_DB_SUFFIX is
 * appended to the name, so that benchmarks run side by side on one PostgreSQL do not drop each other's database.
 */
export async function freshDatabase(base: string, admin = `postgres://postgres@${HOST}:5432/postgres`): Promise<string> {
  const name = `${base}${process.env.TXSCREEN_BENCH_DB_SUFFIX ?? ''}`
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name "${name}"`)
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  return admin.replace(/\/[^/]*$/, `/${name}`)
}

/**
 * The same database with commits that do not wait for their WAL flush (PostgreSQL's `synchronous_commit = off`,
 * set for every connection through the URL's `options`): a crash of the database server may lose the last
 * fraction of a second of acknowledged writes, in exchange for the disk's fsync stalls leaving the answers.
 */
export function withAsyncCommit(databaseUrl: string): string {
  const url = new URL(databaseUrl)
  // after any options the URL already has (a search_path, say)
  const given = url.searchParams.get('options')
  url.searchParams.set('options', `${given ? `${given} ` : ''}-c synchronous_commit=off`)
  return url.toString()
}

/**
 * Starts the HTTP service on a loopback port with its own store (PostgreSQL when databaseUrl is given,
 * else a throwaway PGlite folder) and a fresh `screen` key from `txscreen keys create`.
 */
export async function startService(opts: { port: number; databaseUrl?: string }): Promise<ServiceOrSkip> {
  const missing = serviceMissing()
  if (missing) return { skipped: missing }
  const dataDir = opts.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'txscreen-load-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST,
    PORT: String(opts.port),
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : { DATABASE_URL: '', TXSCREEN_DATA_DIR: dataDir }),
  }
  const created = await promisify(execFile)('node', [CLI, 'keys', 'create', '--role', 'screen', '--name', `load-${Date.now()}`], { cwd: ROOT, env })
  const key = /txs_[0-9a-f]+_[0-9a-f]+/.exec(created.stdout + created.stderr)?.[0]
  if (!key) return { skipped: `could not read the key from \`txscreen keys create\`: ${created.stdout.trim()}` }

  const server = spawn('node', serverNodeArgs(ROOT), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  server.stderr!.on('data', (d) => (stderr += d))
  const baseUrl = `http://${HOST}:${opts.port}`
  try {
    await waitUntilHealthy(baseUrl, server)
  } catch (err) {
    server.kill('SIGKILL')
    return { skipped: `the server did not come up: ${(err as Error).message} ${stderr.trim().slice(-500)}` }
  }
  return {
    baseUrl,
    key,
    store: opts.databaseUrl ? 'PostgreSQL' : 'PGlite',
    async stop() {
      const peak = peakRssMiB(server.pid)
      await stopProcess(server)
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
      return peak
    },
    log: () => stderr,
    cpuSeconds: () => processCpuSeconds(server.pid),
  }
}

/** CPU seconds (user + system) a process has used, from Linux /proc (USER_HZ 100); undefined elsewhere. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}

async function waitUntilHealthy(baseUrl: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`exited with code ${server.exitCode}`)
    try {
      // ready, not just alive: the in-memory real-time state is warm
      const res = await fetch(`${baseUrl}/ready`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('not ready (/ready) within 60 s')
}

function peakRssMiB(pid: number | undefined): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : undefined
  } catch {
    return undefined
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
