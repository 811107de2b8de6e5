import { sha256Hex, sha256HexSync, randomHex } from './crypto.ts'
import type { Executor } from './db.ts'
import type { Role } from './schema.ts'

export const ROLES = ['screen', 'analyst', 'admin'] as const satisfies readonly Role[]

export interface ApiKeyInfo {
  id: string
  name: string
  role: Role
  prefix: string
  createdAt: string
  createdBy: string | null
  revokedAt: string | null
}

const KEY_PREFIX = 'txs'

export interface NewApiKey {
  id: string
  prefix: string
  /** the secret, to hand to its owner once */
  key: string
  hash: string
}

/** A fresh key and its SHA-256; nothing is stored yet. */
export async function generateApiKey(): Promise<NewApiKey> {
  const id = randomHex(6)
  const prefix = `${KEY_PREFIX}_${id}`
  const key = `${prefix}_${randomHex(24)}`
  return { id, prefix, key, hash: await sha256Hex(key) }
}

/** Stores a generated key by its hash alone. */
export async function storeApiKey(
  db: Executor,
  generated: Omit<NewApiKey, 'key'>,
  input: { role: Role; name?: string; createdBy?: string | null },
): Promise<ApiKeyInfo> {
  const row = await db
    .insertInto('api_keys')
    .values({
      id: generated.id,
      name: input.name ?? `${input.role} key`,
      role: input.role,
      prefix: generated.prefix,
      hash: generated.hash,
      created_by: input.createdBy ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toInfo(row)
}

/** Creates a key; the secret is returned once and only its SHA-256 is stored. */
export async function createApiKey(
  db: Executor,
  input: { role: Role; name?: string; createdBy?: string | null },
): Promise<{ key: string; info: ApiKeyInfo }> {
  const generated = await generateApiKey()
  return { key: generated.key, info: await storeApiKey(db, generated, input) }
}

/** The SHA-256 a presented secret is stored by, or undefined when it cannot be a key at all. */
export function apiKeyHash(presented: string): string | undefined {
  return presented.startsWith(`${KEY_PREFIX}_`) ? sha256HexSync(presented) : undefined
}

/** The live key matching a presented secret, or undefined. */
export async function findApiKey(db: Executor, presented: string): Promise<ApiKeyInfo | undefined> {
  const hash = apiKeyHash(presented)
  return hash === undefined ? undefined : findApiKeyByHash(db, hash)
}

/** The live key stored under a hash, or undefined. */
export async function findApiKeyByHash(db: Executor, hash: string): Promise<ApiKeyInfo | undefined> {
  const row = await db.selectFrom('api_keys').selectAll().where('hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst()
  return row && toInfo(row)
}

export async function listApiKeys(db: Executor): Promise<ApiKeyInfo[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute()
  return rows.map(toInfo)
}

/** Marks a key revoked; returns false when there is no such live key. */
export async function revokeApiKey(db: Executor, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

function toInfo(row: {
  id: string
  name: string
  role: Role
  prefix: string
  created_at: Date
  created_by: string | null
  revoked_at: Date | null
}): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }
}
