import { ScreeningError } from '../../core/index.ts'
import { PartitionState, type PartitionCall } from '../../service/partitioned/partition-state.ts'
import { RulesetService } from '../../service/rulesets.ts'
import type { Env } from './config.ts'
import { openDb } from './database.ts'

/**
 * A Durable Object holding one partition of the real-time state (src/service/partitioned/): built from
 * PostgreSQL through Hyperdrive on its first call, then kept in memory for as long as the object lives.
 * The runtime runs one object per name at a time and delivers its calls one by one, so the state has one
 * writer wherever the Worker runs. Calls: `POST /screen` with a PartitionCall, `POST /forget`.
 */
export class RealtimePartition {
  readonly #state: PartitionState

  constructor(_ctx: unknown, env: Env) {
    this.#state = new PartitionState({
      withDb: async (use) => {
        const db = openDb(env)
        try {
          return await use(db)
        } finally {
          await db.destroy()
        }
      },
      rulesets: new RulesetService(),
    })
  }

  async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname
    if (path === '/forget') {
      this.#state.forget()
      return new Response(null, { status: 204 })
    }
    try {
      return Response.json(await this.#state.screen((await request.json()) as PartitionCall))
    } catch (err) {
      // a record this rule set cannot screen is the caller's error, as without objects; anything else is a failure
      if (err instanceof ScreeningError) return Response.json({ screeningError: { code: err.code, message: err.message, path: err.path } }, { status: 422 })
      return Response.json({ error: err instanceof Error ? err.message : String(err) }, { status: 500 })
    }
  }
}
