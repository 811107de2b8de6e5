import pg from 'pg'
import { openDatabase } from '../../../src/adapters/node/open-database.ts'
import { createApiKey } from '../../../src/store/api-keys.ts'
import { startLocalWorker, type LocalWorker } from '../../../load/lib/workerd.ts'
import { TEST_PG_URL } from './databases.ts'

export type Worker = LocalWorker

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_PG_URL })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

/**
 * A database of its own on the test PostgreSQL for a Worker under test, with a screen key; the Worker
 * reaches it through the Hyperdrive binding's local connection string. `drop` removes it.
 */
export async function workerDatabase(name: string): Promise<{ url: URL; key: string; analystKey: string; drop(): Promise<void> }> {
  const database = `${name}_${process.pid}`
  const url = new URL(TEST_PG_URL)
  url.pathname = `/${database}`
  await admin(`drop database if exists ${database}`)
  await admin(`create database ${database}`)
  const store = await openDatabase({ kind: 'pg', url: url.toString() })
  const key = (await createApiKey(store.db, { role: 'screen', name: 'worker test' })).key
  const analystKey = (await createApiKey(store.db, { role: 'analyst', name: 'worker analyst' })).key
  await store.close()
  return { url, key, analystKey, drop: () => admin(`drop database if exists ${database} with (force)`) }
}

/** Starts the Worker of wrangler.toml in workerd over `url`. */
export const startWorker: (url: URL, vars?: Record<string, string>) => Promise<Worker> = startLocalWorker

/** POST /v1/screen on the Worker with a screen key. */
export function screenOn(worker: Worker, key: string, body: unknown): Promise<Response> {
  return worker.fetch('/v1/screen', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}
