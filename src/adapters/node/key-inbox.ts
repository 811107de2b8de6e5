import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROLES, storeApiKey } from '../../store/api-keys.ts'
import { audit } from '../../store/audit.ts'
import type { Db } from '../../store/db.ts'
import type { Role } from '../../store/schema.ts'

/**
 * A PGlite folder can be opened by one process only. While the server holds it, `txscreen keys create`
 * drops the new key's hash (never the secret) into this inbox inside the data folder, and the server
 * stores it. Whoever can write the folder could edit the database anyway, so this grants nothing new.
 */
const INBOX = 'key-requests'
const OWNER_FILE = 'txscreen-server.pid'

export interface KeyRequest {
  id: string
  prefix: string
  hash: string
  role: Role
  name?: string
  tenant?: string
  /** ISO time the key stops working */
  expiresAt?: string
  requestedBy: string
}

/** Claims the folder for this process (failing if a live process has it); returns the release function. */
export async function holdDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, OWNER_FILE)
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' })
      return () => rm(file, { force: true })
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST' || attempt > 0) throw err
      const owner = await dataDirOwner(dataDir)
      if (owner) throw new Error(`${dataDir} is in use by process ${owner}; PGlite allows one process per data folder`)
      await rm(file, { force: true }) // left by a process that died
    }
  }
}

/** The pid of a live server holding the folder, if any. */
export async function dataDirOwner(dataDir: string): Promise<number | undefined> {
  const pid = Number(await readFile(join(dataDir, OWNER_FILE), 'utf8').catch(() => ''))
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return undefined
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return undefined
  }
}

export async function requestKey(dataDir: string, request: KeyRequest, timeoutMs = 30_000): Promise<boolean> {
  const dir = join(dataDir, INBOX)
  await mkdir(dir, { recursive: true })
  const file = join(dir, `${request.id}.json`)
  // written then renamed, so the server never reads half a file
  await writeFile(`${file}.tmp`, JSON.stringify(request))
  await rename(`${file}.tmp`, file)
  for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
    if (!(await stat(file).catch(() => undefined))) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  await rm(file, { force: true })
  return false
}

/** Stores every pending request (server side); malformed ones are dropped. */
export async function drainKeyInbox(dataDir: string, db: Db): Promise<number> {
  const dir = join(dataDir, INBOX)
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json'))
  let stored = 0
  for (const f of files) {
    const path = join(dir, f)
    try {
      const req = JSON.parse(await readFile(path, 'utf8')) as KeyRequest
      if (!ROLES.includes(req.role) || !/^[0-9a-f]{64}$/.test(req.hash)) throw new Error('malformed key request')
      await db.transaction().execute(async (tx) => {
        const expiresAt = req.expiresAt ? new Date(req.expiresAt) : null
        if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new Error('malformed expiry')
        const info = await storeApiKey(tx, req, { role: req.role, ...(req.name && { name: req.name }), ...(req.tenant && { tenant: req.tenant }), expiresAt, createdBy: req.requestedBy })
        await audit(tx, { actor: req.requestedBy, action: 'key.create', target: req.id, details: { role: req.role, tenant: info.tenant, expiresAt: info.expiresAt, via: 'cli' } })
      })
      stored++
    } catch (err) {
      process.stderr.write(`txscreen: key request ${f} ignored: ${err instanceof Error ? err.message : String(err)}\n`)
    }
    await rm(path, { force: true })
  }
  return stored
}
