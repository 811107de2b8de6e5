// Times a 100,000-record batch over HTTP against `npm start` run as a child process (PGlite in a temp
// folder, or DATABASE_URL): upload, poll, stream the verdicts back; then the same records with ?stream=true.
//   npx tsx scripts/batch-100k.ts [--records 100000] [--port 18090]
import { execFileSync, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { records: { type: 'string', default: '100000' }, port: { type: 'string', default: '18090' } } })
const N = Number(values.records)
const COUNTRIES = ['GB', 'FR', 'DE', 'TR', 'GR', 'MX', 'US', 'IQ', 'PK', 'NG']
const CHANNELS = ['wire', 'money_transfer', 'mobile_money', 'card', 'cash', 'crypto']

/** Deterministic synthetic transfers in time order: many small parties, a few busy ones. */
function* records(n: number): Generator<string> {
  let seed = 42
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const start = Date.parse('2026-03-01T00:00:00Z')
  for (let i = 0; i < n; i++) {
    const busy = rand() < 0.05
    const from = busy ? `HOT-${Math.floor(rand() * 20)}` : `ACC-${Math.floor(rand() * 20_000)}`
    const to = rand() < 0.1 ? `COLLECT-${Math.floor(rand() * 30)}` : `ACC-${Math.floor(rand() * 20_000)}`
    const amount = rand() < 0.1 ? (2400 + rand() * 590).toFixed(2) : (10 + rand() * 3000).toFixed(2)
    yield JSON.stringify({
      id: `T${i}`,
      timestamp: new Date(start + i * 15_000).toISOString(),
      amount,
      currency: 'USD',
      channel: CHANNELS[Math.floor(rand() * CHANNELS.length)],
      sender: { id: from, country: COUNTRIES[Math.floor(rand() * COUNTRIES.length)] },
      receiver: { id: to, country: COUNTRIES[Math.floor(rand() * COUNTRIES.length)] },
      ...(rand() < 0.01 ? { reference: 'boat crossing' } : {}),
    })
  }
}

function body(): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const it = records(N)
  return new ReadableStream({
    pull(controller) {
      let text = ''
      for (let k = 0; k < 1000; k++) {
        const next = it.next()
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text))
          return controller.close()
        }
        text += next.value + '\n'
      }
      controller.enqueue(encoder.encode(text))
    },
  })
}

async function countLines(res: Response): Promise<{ lines: number; alerts: number }> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let lines = 0
  let alerts = 0
  let rest = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    const parts = (rest + value).split('\n')
    rest = parts.pop()!
    for (const p of parts) {
      lines++
      if (p.includes('"decision":"review"') || p.includes('"decision":"block"')) alerts++
    }
  }
  return { lines, alerts }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1)

async function waitReady(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${base}/ready`).then((r) => r.ok, () => false)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('the server did not become ready')
}

async function main(): Promise<void> {
  const dir = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'txscreen-bench-'))
  const env = { ...process.env, PORT: values.port, HOST: '127.0.0.1', ...(dir ? { TXSCREEN_DATA_DIR: dir } : {}) }
  const key = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'keys', 'create', '--role', 'screen', '--name', 'bench'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  const server = spawn('node', ['--import', 'tsx', 'src/adapters/node/server.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  const base = `http://127.0.0.1:${values.port}`
  const auth = { authorization: `Bearer ${key}` }
  await waitReady(base)
  console.log(`store: ${dir ? 'pglite' : 'pg'}, ${N} records`)

  try {
    let t = performance.now()
    const accepted = await fetch(`${base}/v1/batches`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-ndjson' },
      body: body(),
      duplex: 'half',
    } as RequestInit)
    const batch = (await accepted.json()) as { id: string }
    console.log(`async: upload stored in ${seconds(t)} s (HTTP ${accepted.status}, ${N} records)`)
    const t2 = performance.now()
    for (;;) {
      const b = (await (await fetch(`${base}/v1/batches/${batch.id}`, { headers: auth })).json()) as { status: string; counts: Record<string, number> }
      if (b.status === 'completed' || b.status === 'failed') {
        console.log(`async: ${b.status} in ${seconds(t2)} s after the upload; counts ${JSON.stringify(b.counts)}`)
        break
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    const t3 = performance.now()
    const out = await countLines(await fetch(`${base}/v1/batches/${batch.id}/verdicts`, { headers: auth }))
    console.log(`async: ${out.lines} verdicts streamed back in ${seconds(t3)} s; total ${seconds(t)} s = ${Math.round(N / ((performance.now() - t) / 1000))} records/s`)

    t = performance.now()
    const streamed = await fetch(`${base}/v1/batches?stream=true`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-ndjson' },
      body: body(),
      duplex: 'half',
    } as RequestInit)
    const got = await countLines(streamed)
    console.log(`stream: ${got.lines} verdicts (${got.alerts} alerts) in ${seconds(t)} s = ${Math.round(N / ((performance.now() - t) / 1000))} records/s`)
  } finally {
    const exited = new Promise((r) => server.once('exit', r))
    server.kill('SIGTERM')
    await exited
    if (dir) await rm(dir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
