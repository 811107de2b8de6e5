import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

// A real process death: the server `npm start` runs (node with tsx, on PGlite in its own folder) is killed with
// SIGKILL in the middle of a batch, started again on the same folder, and must finish the batch with every
// verdict once and the same verdicts as `txscreen batch` gives for the file.
const ROOT = join(import.meta.dirname, '../..')
const FIXTURE = join(ROOT, 'fixtures/generated/records.ndjson')
const run = promisify(execFile)

function startServer(dataDir: string, port: number): ChildProcess {
  return spawn('node', ['--import', 'tsx', join(ROOT, 'src/adapters/node/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', TXSCREEN_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, tries = 1200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const got = await probe().catch(() => undefined)
    if (got !== undefined) return got
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`gave up waiting for ${what}`)
}

describe('SIGKILL of the server mid-batch', () => {
  const cleanup: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f().catch(() => {})
  })

  it('resumes after a restart: every verdict once, in order, the same as the CLI', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'txscreen-kill-'))
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }))
    const port = 18900 + (process.pid % 90)
    const base = `http://127.0.0.1:${port}`
    const env = { ...process.env, DATABASE_URL: '', TXSCREEN_DATA_DIR: dataDir }
    const created = await run('node', [join(ROOT, 'bin/txscreen.js'), 'keys', 'create', '--role', 'screen', '--name', 'kill-test'], { cwd: ROOT, env })
    const key = /txs_[0-9a-f]+_[0-9a-f]+/.exec(created.stdout + created.stderr)![0]
    const auth = { authorization: `Bearer ${key}` }

    let server = startServer(dataDir, port)
    cleanup.push(async () => server.kill('SIGKILL'))
    await until('the server', async () => ((await fetch(`${base}/ready`)).ok ? true : undefined))
    const input = await readFile(FIXTURE, 'utf8')
    const upload = await fetch(`${base}/v1/batches`, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-ndjson' }, body: input })
    expect(upload.status).toBe(202)
    const { id } = await upload.json()

    // killed once some of it is screened and stored, and before the end
    const reached = await until('progress', async () => {
      const b = await (await fetch(`${base}/v1/batches/${id}`, { headers: auth })).json()
      return b.status === 'running' && b.counts.records >= 2000 ? b.counts.records : undefined
    })
    server.kill('SIGKILL')
    await new Promise((r) => server.once('exit', r))
    expect(reached).toBeLessThan(20_000)

    server = startServer(dataDir, port)
    await until('the restarted server', async () => ((await fetch(`${base}/ready`)).ok ? true : undefined))
    const done = await until('the batch', async () => {
      const b = await (await fetch(`${base}/v1/batches/${id}`, { headers: auth })).json()
      return b.status === 'completed' || b.status === 'failed' ? b : undefined
    })
    expect(done).toMatchObject({ status: 'completed', counts: { records: 20_000 }, error: null })
    const served = (await (await fetch(`${base}/v1/batches/${id}/verdicts`, { headers: auth })).text()).split('\n').filter(Boolean)
    expect(served).toHaveLength(20_000)
    expect(new Set(served.map((l) => JSON.parse(l).id)).size).toBe(20_000)

    const out = join(dataDir, 'cli-verdicts.ndjson')
    await run('node', [join(ROOT, 'bin/txscreen.js'), 'batch', FIXTURE, '--out', out, '--quiet'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })
    const cli = (await readFile(out, 'utf8')).split('\n').filter(Boolean)
    expect(served.map((l) => JSON.parse(l))).toEqual(cli.map((l) => JSON.parse(l)))
  }, 600_000)
})
