import { parseArgs } from 'node:util'
import { userInfo } from 'node:os'
import { dataDirOwner, requestKey } from '../../adapters/node/key-inbox.ts'
import { databaseTargetFromEnv, openDatabase } from '../../adapters/node/open-database.ts'
import { DEFAULT_TENANT, generateApiKey, listApiKeys, ROLES, storeApiKey } from '../../store/api-keys.ts'
import { audit } from '../../store/audit.ts'
import type { Role } from '../../store/schema.ts'

const USAGE = `usage:
  txscreen keys create --role screen|analyst|admin [--name NAME] [--tenant T] [--expires ISO-TIME]   prints the new key once
  txscreen keys list

--tenant: whose data the key sees (default "default"); --expires: when it stops working (default never).

Uses the same store as the server: DATABASE_URL for PostgreSQL, else PGlite in TXSCREEN_DATA_DIR (default ./data).`

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  const { values } = parseArgs({
    args: rest,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      tenant: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  })
  if (values.help || (sub !== 'create' && sub !== 'list')) {
    process[values.help ? 'stdout' : 'stderr'].write(USAGE + '\n')
    return values.help ? 0 : 2
  }
  const target = databaseTargetFromEnv()
  const actor = `cli (${safeUser()})`
  const owner = target.kind === 'pglite' ? await dataDirOwner(target.dataDir) : undefined

  if (sub === 'list') {
    if (owner) {
      process.stderr.write(`txscreen: the server (pid ${owner}) holds the data folder; use GET /v1/keys with an admin key, or stop it first\n`)
      return 1
    }
    const store = await openDatabase(target)
    try {
      for (const k of await listApiKeys(store.db)) {
        const state = k.revokedAt ? 'revoked ' : k.expiresAt && Date.parse(k.expiresAt) <= Date.now() ? 'expired ' : 'active  '
        const expiry = k.expiresAt ? `  expires ${k.expiresAt}` : ''
        process.stdout.write(`${k.prefix}  ${k.role.padEnd(7)}  ${state}  ${k.createdAt}  ${k.tenant}  ${k.name}${expiry}\n`)
      }
    } finally {
      await store.close()
    }
    return 0
  }

  const role = values.role as Role | undefined
  if (!role || !ROLES.includes(role)) {
    process.stderr.write(`txscreen: --role must be one of ${ROLES.join(', ')}\n\n${USAGE}\n`)
    return 2
  }
  const expiresAt = values.expires === undefined ? null : new Date(values.expires)
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= Date.now())) {
    process.stderr.write(`txscreen: --expires must be a time in the future, e.g. 2027-01-31T00:00:00Z\n`)
    return 2
  }
  const tenant = values.tenant || DEFAULT_TENANT
  const generated = await generateApiKey()
  const name = values.name ?? `${role} key`
  if (owner && target.kind === 'pglite') {
    // the running server owns the PGlite folder: hand it the key's hash to store
    const stored = await requestKey(target.dataDir, {
      id: generated.id,
      prefix: generated.prefix,
      hash: generated.hash,
      role,
      name,
      tenant,
      ...(expiresAt && { expiresAt: expiresAt.toISOString() }),
      requestedBy: actor,
    })
    if (!stored) {
      process.stderr.write(`txscreen: the server (pid ${owner}) did not pick the key up; is it healthy?\n`)
      return 1
    }
  } else {
    const store = await openDatabase(target)
    try {
      await store.db.transaction().execute(async (tx) => {
        await storeApiKey(tx, generated, { role, name, tenant, expiresAt, createdBy: actor })
        await audit(tx, { actor, action: 'key.create', target: generated.id, details: { role, name, tenant, expiresAt: expiresAt?.toISOString() ?? null } })
      })
    } finally {
      await store.close()
    }
  }
  process.stderr.write(`created ${role} key ${generated.prefix} ("${name}", tenant ${tenant}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ''}); it is shown once, store it now:\n`)
  process.stdout.write(generated.key + '\n')
  return 0
}

function safeUser(): string {
  try {
    return userInfo().username
  } catch {
    return 'unknown'
  }
}
