import { completeDeps, createApp } from '../../http/app.ts'
import { ApiKeyCache } from '../../http/auth.ts'
import type { AppDeps } from '../../http/deps.ts'
import { asProblem } from '../../http/on-error.ts'
import { RateLimiter } from '../../http/rate-limit.ts'
import { recoverStaleBatches } from '../../service/batches.ts'
import { pruneHistory } from '../../service/history.ts'
import { failStaleBacktests } from '../../store/backtests.ts'
import { rollUpRealtimeCases } from '../../service/realtime-cases.ts'
import type { BackgroundTasks } from '../../service/deps.ts'
import { RulesetService } from '../../service/rulesets.ts'
import type { Db } from '../../store/db.ts'
import { migrateToLatest } from '../../store/migrations/index.ts'
import { activeRulesetVersion } from '../../store/rulesets.ts'
import { PartitionedRealtime, RoutingCache } from '../../service/partitioned/partitioned-realtime.ts'
import { configOf, partitionsOf, type Env } from './config.ts'
import { objectLink } from './partitions.ts'
import { RULE_PACK } from './rule-pack.generated.ts'

export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void
}

/** What the Worker hands the app with each request, as Hono's bindings: that request's dependencies. */
interface RequestBindings {
  deps: AppDeps
}

/**
 * The Worker's handlers over a database opened per request (`openDb`; the connection cannot outlive its
 * request). Everything else is made once per isolate: the app, compiled rule sets (immutable by version)
 * and the API-key cache, so a key used again within its TTL costs no lookup.
 */
export function workerEntry(openDb: (env: Env) => Db) {
  const rulesets = new RulesetService()
  const apiKeys = new ApiKeyCache()
  // rates are counted per isolate: a Worker runs many, so a key's real allowance is a multiple of the setting
  let rateLimiter: RateLimiter | undefined
  const routing = new RoutingCache()
  const app = createApp((c) => (c.env as RequestBindings).deps)
  let prepared: Promise<void> | undefined

  /** Once per isolate: schema up to date, and the bundled rule pack active on an empty store. */
  async function prepare(db: Db): Promise<void> {
    await migrateToLatest(db)
    if (!(await activeRulesetVersion(db))) {
      const published = await rulesets.publish(db, RULE_PACK, { actor: 'system (first start)', activate: true })
      if (!published.ok) throw new Error('the bundled rule pack does not compile')
    }
    // compile now, not inside the first screening call's deadline
    await rulesets.active(db)
  }

  return {
    async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
      const db = openDb(env)
      const tasks: Promise<unknown>[] = []
      // background batch screening lives as long as the runtime allows after the response (waitUntil)
      const background: BackgroundTasks = {
        run: (task) => {
          const p = task(new AbortController().signal).catch((err: unknown) => console.error('txscreen: background task failed', err))
          tasks.push(p)
          ctx.waitUntil(p)
        },
      }
      let response: Response
      try {
        prepared ??= prepare(db).catch((err: unknown) => {
          prepared = undefined
          throw err
        })
        await prepared
        const config = configOf(env)
        rateLimiter ??= new RateLimiter(config.rateLimits)
        const partitions = partitionsOf(env)
        // the real-time state in the partitions' Durable Objects, else replayed from the database per call
        const realtime = partitions
          ? new PartitionedRealtime({ db, rulesets, storeVerdicts: config.storeVerdicts, link: objectLink(env.PARTITIONS!), partitions, routing })
          : undefined
        const bindings: RequestBindings = { deps: completeDeps({ db, rulesets, config, background, apiKeys, rateLimiter, ...(realtime && { realtime }) }) }
        response = await app.fetch(request, bindings)
      } catch (err) {
        response = asProblem(err).toResponse(new URL(request.url).pathname)
      }
      const { res, sent } = whenSent(response)
      ctx.waitUntil(
        sent
          .then(() => Promise.allSettled(tasks))
          .finally(() => db.destroy())
          .catch(() => {}),
      )
      return res
    },

    /** Cron trigger: picks up batches whose isolate went away (see wrangler.toml [triggers]), rolls real-time alerts into cases, drops history past retention and ends backtests cut short. */
    async scheduled(_event: unknown, env: Env, ctx: ExecutionContext): Promise<void> {
      const db = openDb(env)
      const tasks: Promise<unknown>[] = []
      const background: BackgroundTasks = { run: (task) => void tasks.push(task(new AbortController().signal)) }
      try {
        await recoverStaleBatches({ db, rulesets, config: configOf(env), background }, 5 * 60_000)
        await rollUpRealtimeCases({ db, rulesets, config: configOf(env), background })
        await pruneHistory({ db, config: configOf(env) })
        await failStaleBacktests(db, 5 * 60_000)
        ctx.waitUntil(Promise.allSettled(tasks).finally(() => db.destroy()))
      } catch (err) {
        await db.destroy()
        throw err
      }
    },
  }
}

/** Resolves when the response body has been sent (or abandoned), so the connection can close after it. */
function whenSent(res: Response): { res: Response; sent: Promise<void> } {
  if (!res.body) return { res, sent: Promise.resolve() }
  let done!: () => void
  const sent = new Promise<void>((resolve) => (done = resolve))
  const tap = new TransformStream<Uint8Array, Uint8Array>({ flush: () => done() })
  res.body.pipeTo(tap.writable).catch(() => {}).finally(() => done())
  return { res: new Response(tap.readable, res), sent }
}
