import { createHash } from 'node:crypto'
import { cp, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { connect } from 'node:net'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { openDatabase, type DatabaseTarget, type OpenDatabase } from '../../../src/adapters/node/open-database.ts'
import { migrations } from '../../../src/store/migrations/index.ts'

export type DialectName = 'pglite' | 'pg'

export const TEST_PG_URL = process.env.TXSCREEN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test'

// an explicit TXSCREEN_TEST_PG_URL (as CI sets) makes PostgreSQL required; the default is used when it answers
const pgWanted = Boolean(process.env.TXSCREEN_TEST_PG_URL) || (await reachable(TEST_PG_URL))
if (!pgWanted) console.warn(`service tests: no PostgreSQL at ${TEST_PG_URL}; running on PGlite only`)

// DIALECTS=pglite runs one side only, as kysely's own suite does
export const DIALECTS: DialectName[] = (['pglite', 'pg'] as const).filter(
  (d) => (process.env.DIALECTS?.split(',').map((s) => s.trim()).includes(d) ?? true) && (d !== 'pg' || pgWanted),
)

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 5432), timeout: 500 })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.once('connect', () => done(true))
    socket.once('timeout', () => done(false))
    socket.once('error', () => done(false))
  })
}

export interface TestDatabase {
  target: DatabaseTarget
  drop(): Promise<void>
}

/** An empty, migrated database of its own: a PostgreSQL schema, or a copy of a migrated PGlite folder. */
export async function freshDatabase(dialect: DialectName): Promise<TestDatabase> {
  return dialect === 'pg' ? freshPgSchema() : freshPgliteFolder()
}

/** For the enclosing describe: a fresh database, opened in beforeAll (the fields are filled then), closed and dropped in afterAll. */
export function useFreshStore(dialect: DialectName): { test: TestDatabase; store: OpenDatabase } {
  const s = {} as { test: TestDatabase; store: OpenDatabase }
  beforeAll(async () => {
    s.test = await freshDatabase(dialect)
    s.store = await openDatabase(s.test.target)
  })
  afterAll(async () => {
    await s.store?.close()
    await s.test?.drop()
  })
  return s
}

export function pgUrlWithSchema(url: string, schema: string): string {
  const u = new URL(url)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return u.toString()
}

async function freshPgSchema(): Promise<TestDatabase> {
  const schema = `svc_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: TEST_PG_URL })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  return {
    target: { kind: 'pg', url: pgUrlWithSchema(TEST_PG_URL, schema) },
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL })
      await c.connect()
      await c.query(`drop schema if exists ${schema} cascade`)
      await c.end()
    },
  }
}

// creating a PGlite folder takes seconds, copying a migrated one a fraction of that; named by the migrations it
// ran, so checkouts with different migrations on one machine do not share a template
const MIGRATED = createHash('sha256').update(Object.keys(migrations).join('\n')).digest('hex').slice(0, 12)
const TEMPLATE = join(tmpdir(), `txscreen-pglite-template-${process.env.USER ?? 'u'}-${MIGRATED}`)

async function freshPgliteFolder(): Promise<TestDatabase> {
  await ensureTemplate()
  const dir = await mkdtemp(join(tmpdir(), 'txscreen-pglite-'))
  await cp(join(TEMPLATE, 'data'), dir, { recursive: true })
  return { target: { kind: 'pglite', dataDir: dir }, drop: () => rm(dir, { recursive: true, force: true }) }
}

async function ensureTemplate(): Promise<void> {
  const ready = join(TEMPLATE, 'ready')
  for (let waited = 0; waited < 120_000; waited += 200) {
    if (await exists(ready)) return
    try {
      await mkdir(TEMPLATE) // only one test file wins this and builds the template
    } catch {
      await new Promise((r) => setTimeout(r, 200))
      continue
    }
    const opened = await openDatabase({ kind: 'pglite', dataDir: join(TEMPLATE, 'data') })
    await opened.close()
    await writeFile(ready, '')
    return
  }
  throw new Error(`timed out waiting for ${TEMPLATE}`)
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}
