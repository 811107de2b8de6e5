import type { MiddlewareHandler } from 'hono'
import { systemClock, type Clock } from '../core/index.ts'
import { apiKeyHash, findApiKeyByHash, isLive, type ApiKeyInfo } from '../store/api-keys.ts'
import type { Db } from '../store/db.ts'
import type { Role } from '../store/schema.ts'
import type { AppEnv, Principal } from './env.ts'
import { Problem } from './problem.ts'
import { AuthFailureAudit, presentedPrefix } from './auth-audit.ts'
import { actorOf } from './env.ts'

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

  /** failed authentications of this process, to the audit log */
  readonly failures = new AuthFailureAudit()

  get clock(): Clock {
    return this.#clock
  }

  find(db: Db, presented: string): ApiKeyInfo | undefined | Promise<ApiKeyInfo | undefined> {
    const hash = apiKeyHash(presented)
    return hash === undefined ? undefined : this.findByHash(db, hash)
  }

  /** `find` for a presented key's hash (`apiKeyHash`) already taken */
  findByHash(db: Db, hash: string): ApiKeyInfo | undefined | Promise<ApiKeyInfo | undefined> {
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

/**
 * The last Authorization header one connection presented and the key hash it gave: a kept-alive connection sends
 * the same header with every call, and its SHA-256 was 2-3 % of the server's CPU a call (BENCHMARKS.md, session
 * srv28). Only the hash is remembered, never the key found by it: every call still goes through the key cache, so
 * a revoked or expired key is refused on the connection that just used it. The header is compared whole and in
 * constant time (a proxy's pooled connection may carry other callers' keys); the memo lives as long as its
 * connection, which presents that header with every call anyway.
 */
export class ConnectionKeyMemo {
  header: string | undefined = undefined
  presented: string | undefined = undefined
  hash: string | undefined = undefined
}

/** whether two texts are equal, in a time that depends on their lengths only */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
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
    const principal = await authenticate(deps.db, deps.apiKeys ?? NO_KEY_CACHE, c.req.header('authorization'), allowed, c.req.path)
    deps.rateLimiter?.take(principal.keyId, 'apiPerSecond')
    c.set('principal', principal)
    await next()
  }
}

/** The caller behind an Authorization header, or a 401/403 problem (audited, see AuthFailureAudit); `path` is what was asked for. */
export async function authenticate(db: Db, cache: ApiKeyCache, header: string | undefined, allowed: readonly Role[], path: string): Promise<Principal> {
  return authenticateNow(db, cache, header, allowed, path)
}

/**
 * `authenticate` without a promise when the key is cached (every screening call but the first of a key's few
 * seconds): the caller at once, or thrown at once; a promise only when the key had to be looked up.
 */
export function authenticateNow(
  db: Db,
  cache: ApiKeyCache,
  header: string | undefined,
  allowed: readonly Role[],
  path: string,
  memo?: ConnectionKeyMemo,
): Principal | Promise<Principal> {
  let presented: string | undefined
  let hash: string | undefined
  if (memo !== undefined && header !== undefined && memo.header !== undefined && sameText(memo.header, header)) {
    presented = memo.presented
    hash = memo.hash
  } else {
    presented = BEARER.exec(header ?? '')?.[1]
    hash = presented ? apiKeyHash(presented) : undefined
    if (memo !== undefined) {
      memo.header = header
      memo.presented = presented
      memo.hash = hash
    }
  }
  const found = hash === undefined ? undefined : cache.findByHash(db, hash)
  if (found instanceof Promise) return found.then((key) => principalOf(db, cache, key, presented, allowed, path))
  return principalOf(db, cache, found, presented, allowed, path)
}

function principalOf(db: Db, cache: ApiKeyCache, key: ApiKeyInfo | undefined, presented: string | undefined, allowed: readonly Role[], path: string): Principal {
  if (!key) {
    cache.failures.record(db, cache.clock.now(), { actor: 'anonymous', action: 'auth.failed', target: path, details: { presented: presentedPrefix(presented) } })
    const detail = presented ? 'The API key is unknown, revoked or expired.' : 'Send an API key as `Authorization: Bearer <key>`.'
    throw new Problem(401, 'unauthorized', 'Unauthorized', detail, {}, challenge)
  }
  if (key.role !== 'admin' && !allowed.includes(key.role)) {
    const actor = actorOf({ keyId: key.id, name: key.name, role: key.role, tenant: key.tenant })
    cache.failures.record(db, cache.clock.now(), { actor, action: 'auth.forbidden', target: path, details: { role: key.role, needs: allowed } })
    throw new Problem(403, 'forbidden', 'Forbidden', `This operation needs the role ${allowed.join(' or ')} (or admin); the key has ${key.role}.`)
  }
  return { keyId: key.id, name: key.name, role: key.role, tenant: key.tenant }
}
