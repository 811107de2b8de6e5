import type { Hono } from 'hono'
import type { RealtimeScreening } from '../service/realtime.ts'
import type { ServiceDeps } from '../service/deps.ts'
import type { ApiKeyCache } from './auth.ts'
import type { AppEnv } from './env.ts'
import type { OperationSpec } from './openapi/operation.ts'

export interface AppDeps extends ServiceDeps {
  /** true once the server is stopping: new batches are refused, running ones finish */
  draining?: () => boolean
  /** API keys remembered for a few seconds; createApp makes one when none is given */
  apiKeys?: ApiKeyCache
  /** where real-time state lives; createApp screens against the database when none is given */
  realtime?: RealtimeScreening
}

/** One route file: its handlers and what the API document says about them. */
export interface RouteModule {
  operations: OperationSpec[]
  mount(app: Hono<AppEnv>, deps: AppDeps): void
}

export const problemContent = [{ contentType: 'application/problem+json', schema: 'Problem' as const }]
export const jsonContent = (schema: OperationSpec['responses'][number]['content'] extends (infer C)[] | undefined ? C extends { schema?: infer S } ? S : never : never) => [
  { contentType: 'application/json', schema },
]
