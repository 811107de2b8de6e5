import type { MiddlewareHandler } from 'hono'
import { findApiKey } from '../store/api-keys.ts'
import type { Db } from '../store/db.ts'
import type { Role } from '../store/schema.ts'
import type { AppEnv } from './env.ts'
import { Problem } from './problem.ts'

const challenge = { 'www-authenticate': 'Bearer realm="txscreen"' }

/** Looks the Bearer key up (by its SHA-256) and refuses roles not in `allowed`; admin may do everything. */
export function requireRole(db: Db, ...allowed: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (!match?.[1]) {
      throw new Problem(401, 'unauthorized', 'Unauthorized', 'Send an API key as `Authorization: Bearer <key>`.', {}, challenge)
    }
    const key = await findApiKey(db, match[1])
    if (!key) throw new Problem(401, 'unauthorized', 'Unauthorized', 'The API key is unknown or revoked.', {}, challenge)
    if (key.role !== 'admin' && !allowed.includes(key.role)) {
      throw new Problem(403, 'forbidden', 'Forbidden', `This operation needs the role ${allowed.join(' or ')} (or admin); the key has ${key.role}.`)
    }
    c.set('principal', { keyId: key.id, name: key.name, role: key.role })
    await next()
  }
}
