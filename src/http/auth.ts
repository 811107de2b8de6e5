import type { MiddlewareHandler } from 'hono'
import { systemClock, type Clock } from '../core/index.ts'
import { apiKeyHash, findApiKeyByHash, isLive, type ApiKeyInfo } from '../store/api-keys.ts'
import type { Db } from '../store/db.ts'
import type { Role } from '../store/schema.ts'
import type { AppEnv, Principal } from './env.ts'
import { Problem } from './problem.ts'

const challenge = { 'www-authenticate': 'Bearer realm="txscreen"' }
const BEARER = /^Bearer\s+(\S+)\s*$/i

/**
 * Live API keys by the SHA-256 of the key presented, for a few seconds, so that a request costs no
 * database round trip to authenticate. Only keys found live are kept (an unknown key is looked up every
 * time, so a key created anywhere works at once); creating or revoking a key through this process empties
 * the cache, so a revoked key stops working here immediately and, revoked by another process, within `ttlMs`.
 */
export class ApiKeyCache {
  readonly #entries = new Map<string, { key: ApiKeyInfo; until: number }>()
  #generation = 0
  readonly ttlMs: number
  readonly maxEntries: number
  readonly #clock: Clock

  constructor(options: { ttlMs?: number; maxEntries?: number; clock?: Clock | undefined } = {}) {
    this.ttlMs = options.ttlMs ?? 5000
    this.maxEntries = options.maxEntries ?? 10_000
    this.#clock = options.clock ?? systemClock
  }

  find(db: Db, presented: string): ApiKeyInfo | undefined | Promise<ApiKeyInfo | undefined> {
    const hash = apiKeyHash(presented)
    if (hash === undefined) return undefined
    const hit = this.#entries.get(hash)
    const now = this.#clock.now()
    // a key that expires while cached stops working at its expiry, not at the cache's
    if (hit && hit.until > now) return isLive(hit.key, now) ? hit.key : undefined
    return this.#lookUp(db, hash)
  }

  async #lookUp(db: Db, hash: string): Promise<ApiKeyInfo | undefined> {
    const now = this.#clock.now()
    const generation = this.#generation
    const key = await findApiKeyByHash(db, hash, now)
    // a revocation that happened while the lookup ran must not be undone by its answer
    if (key && generation === this.#generation && this.ttlMs > 0) {
      if (this.#entries.size >= this.maxEntries) this.#entries.clear()
      this.#entries.set(hash, { key, until: now + this.ttlMs })
    } else if (!key) {
      this.#entries.delete(hash)
    }
    return key
  }

  /** Forgets every key: called when keys are created or revoked through this process. */
  invalidate(): void {
    this.#generation++
    this.#entries.clear()
  }
}

/** a cache that remembers nothing: every call looks its key up */
export const NO_KEY_CACHE = new ApiKeyCache({ ttlMs: 0 })

/**
 * Looks the Bearer key up (by its SHA-256, through the request's key cache) and refuses roles not in
 * `allowed`; admin may do everything.
 */
export function requireRole(...allowed: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const deps = c.var.deps
    c.set('principal', await authenticate(deps.db, deps.apiKeys ?? NO_KEY_CACHE, c.req.header('authorization'), allowed))
    await next()
  }
}

/** The caller behind an Authorization header, or a 401/403 problem. */
export async function authenticate(db: Db, cache: ApiKeyCache, header: string | undefined, allowed: readonly Role[]): Promise<Principal> {
  const match = BEARER.exec(header ?? '')
  if (!match?.[1]) {
    throw new Problem(401, 'unauthorized', 'Unauthorized', 'Send an API key as `Authorization: Bearer <key>`.', {}, challenge)
  }
  const found = cache.find(db, match[1])
  const key = found instanceof Promise ? await found : found
  if (!key) throw new Problem(401, 'unauthorized', 'Unauthorized', 'The API key is unknown, revoked or expired.', {}, challenge)
  if (key.role !== 'admin' && !allowed.includes(key.role)) {
    throw new Problem(403, 'forbidden', 'Forbidden', `This operation needs the role ${allowed.join(' or ')} (or admin); the key has ${key.role}.`)
  }
  return { keyId: key.id, name: key.name, role: key.role, tenant: key.tenant }
}
