import { afterAll, beforeAll } from 'vitest'
import type { Clock } from '../../../src/core/index.ts'
import { openDatabase, type OpenDatabase } from '../../../src/adapters/node/open-database.ts'
import { createApp } from '../../../src/http/app.ts'
import { InProcessTasks } from '../../../src/service/background.ts'
import { DEFAULT_CONFIG, type BackgroundTasks, type ServiceConfig } from '../../../src/service/deps.ts'
import { LiveScreening, type LiveScreeningOptions } from '../../../src/service/live-screening.ts'
import type { RealtimeStateMode } from '../../../src/service/realtime.ts'
import { RulesetService } from '../../../src/service/rulesets.ts'
import { createApiKey } from '../../../src/store/api-keys.ts'
import type { DatabaseTarget } from '../../../src/adapters/node/open-database.ts'
import { freshDatabase, type DialectName, type TestDatabase } from './databases.ts'
import { TEST_RULES } from './rules.ts'

/** Service settings plus where the real-time state lives (memory by default, as `npm start` has it). */
export type TestConfig = Partial<ServiceConfig> & { realtimeState?: RealtimeStateMode; live?: Partial<LiveScreeningOptions>; clock?: Clock }

export interface Keys {
  screen: string
  analyst: string
  admin: string
}

/** One app instance over a store, as one server process would have it. */
export class TestService {
  readonly rulesets = new RulesetService()
  readonly app
  readonly live: LiveScreening | undefined

  constructor(
    readonly store: OpenDatabase,
    config: TestConfig = {},
    readonly background: BackgroundTasks & { idle(): Promise<void> } = new InProcessTasks(),
  ) {
    const { realtimeState = 'memory', live, clock, ...service } = config
    // a loaded test machine must not trip the real-time deadline; the resilience tests set their own
    const merged = { ...DEFAULT_CONFIG, screenTimeoutMs: 15_000, ...service }
    this.live = realtimeState === 'memory' ? new LiveScreening(store.db, this.rulesets, { storeVerdicts: merged.storeVerdicts, ...live }) : undefined
    this.app = createApp({ db: store.db, rulesets: this.rulesets, config: merged, background: this.background, ...(clock && { clock }), ...(this.live && { realtime: this.live }) })
  }

  static async open(target: DatabaseTarget, config: TestConfig = {}): Promise<TestService> {
    return new TestService(await openDatabase(target), config)
  }

  request(path: string, init: RequestInit & { key?: string } = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (init.key) headers.set('authorization', `Bearer ${init.key}`)
    if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json')
    return Promise.resolve(this.app.request(path, { ...init, headers, ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit))
  }

  post(path: string, key: string, body: unknown): Promise<Response> {
    return this.request(path, { method: 'POST', key, body: JSON.stringify(body) })
  }

  async close(): Promise<void> {
    await this.live?.close()
    await this.background.idle()
    await this.store.close()
  }
}

/** Keys for each role and the test rule set published and active. */
export async function seed(service: TestService): Promise<Keys> {
  const db = service.store.db
  const keys = {
    screen: (await createApiKey(db, { role: 'screen', name: 'teller' })).key,
    analyst: (await createApiKey(db, { role: 'analyst', name: 'ana' })).key,
    admin: (await createApiKey(db, { role: 'admin', name: 'root' })).key,
  }
  const published = await service.rulesets.publish(db, TEST_RULES, { actor: 'test', activate: true })
  if (!published.ok) throw new Error(JSON.stringify(published.issues))
  // as `npm start` does: warm the in-memory state before taking calls
  await service.live?.start()
  return keys
}

export interface Seeded {
  test: TestDatabase
  svc: TestService
  keys: Keys
}

/** For the enclosing describe: a fresh database, a service over it with keys and the test rules (fields filled in beforeAll). */
export function useSeededService(dialect: DialectName): Seeded {
  const s = {} as Seeded
  beforeAll(async () => {
    s.test = await freshDatabase(dialect)
    s.svc = await TestService.open(s.test.target)
    s.keys = await seed(s.svc)
  })
  afterAll(async () => {
    await s.svc?.close()
    await s.test?.drop()
  })
  return s
}
