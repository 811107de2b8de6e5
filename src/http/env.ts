import type { Role } from '../store/schema.ts'

export interface Principal {
  keyId: string
  name: string
  role: Role
}

/** Hono generics for this app: what middleware puts on the context. */
export interface AppEnv {
  Variables: { principal: Principal }
}

/** How an audit entry names the caller. */
export function actorOf(p: Principal): string {
  return `key:${p.keyId} (${p.name})`
}
