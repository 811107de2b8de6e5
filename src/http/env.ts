import type { Role } from '../store/schema.ts'
import type { AppDeps } from './deps.ts'

export interface Principal {
  keyId: string
  name: string
  role: Role
  /** whose data the key sees */
  tenant: string
}

/** Hono generics for this app: what middleware puts on the context. */
export interface AppEnv {
  Variables: {
    /** this request's dependencies (the database among them): set first, read by every handler */
    deps: AppDeps
    principal: Principal
  }
}

/** How an audit entry names the caller. */
export function actorOf(p: Principal): string {
  return `key:${p.keyId} (${p.name})`
}
