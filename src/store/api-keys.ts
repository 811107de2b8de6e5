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
  tenant: string
  /** when the key stops working; null for never */
  expiresAt: string | null
}

/** The tenant of keys made without one: a store with no tenants configured is this one tenant. */
export const DEFAULT_TENANT = 'default'

export interface KeyInput {
  role: Role
  name?: string
  createdBy?: string | null
  tenant?: string
  expiresAt?: Date | null
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
  input: KeyInput,
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
      tenant: input.tenant ?? DEFAULT_TENANT,
      expires_at: input.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toInfo(row)
}

/** Creates a key; the secret is returned once and only its SHA-256 is stored. */
export async function createApiKey(
  db: Executor,
  input: KeyInput,
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

/** The key stored under a hash, unless revoked or expired at `now` (epoch ms), or undefined. */
export async function findApiKeyByHash(db: Executor, hash: string, now: number = Date.now()): Promise<ApiKeyInfo | undefined> {
  const row = await db.selectFrom('api_keys').selectAll().where('hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst()
  const key = row && toInfo(row)
  return key && isLive(key, now) ? key : undefined
}

/** Whether a key not revoked is still within its expiry at `now` (epoch ms). */
export function isLive(key: ApiKeyInfo, now: number): boolean {
  return key.expiresAt === null || Date.parse(key.expiresAt) > now
}

/** Every key, or a tenant's keys. */
export async function listApiKeys(db: Executor, tenant?: string): Promise<ApiKeyInfo[]> {
  let query = db.selectFrom('api_keys').selectAll()
  if (tenant !== undefined) query = query.where('tenant', '=', tenant)
  const rows = await query.orderBy('created_at').orderBy('id').execute()
  return rows.map(toInfo)
}

/** Marks a key revoked (only within `tenant` when given); returns false when there is no such live key. */
export async function revokeApiKey(db: Executor, id: string, tenant?: string): Promise<boolean> {
  let update = db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null)
  if (tenant !== undefined) update = update.where('tenant', '=', tenant)
  const result = await update.executeTakeFirst()
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
  tenant: string
  expires_at: Date | null
}): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    tenant: row.tenant,
    expiresAt: row.expires_at?.toISOString() ?? null,
  }
}
