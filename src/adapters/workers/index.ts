import { Kysely } from 'kysely'
import { createApp } from '../../http/app.ts'
import { asProblem } from '../../http/on-error.ts'
import { recoverStaleBatches } from '../../service/batches.ts'
import { DEFAULT_CONFIG, type BackgroundTasks, type ServiceConfig } from '../../service/deps.ts'
import { RulesetService } from '../../service/rulesets.ts'
import type { Db } from '../../store/db.ts'
import { createPgPool, pgDialect } from '../../store/dialects/pg.ts'
import { migrateToLatest } from '../../store/migrations/index.ts'
import { activeRulesetVersion } from '../../store/rulesets.ts'
import { RULE_PACK } from './rule-pack.generated.ts'

export interface Env {
  HYPERDRIVE: { connectionString: string }
  TXSCREEN_STORE_VERDICTS?: string
  TXSCREEN_BATCH_MAX_BYTES?: string
  TXSCREEN_SCREEN_TIMEOUT_MS?: string
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void
}

// compiled rule sets are immutable by version, so one cache serves every request of the isolate
const rulesets = new RulesetService()
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

function configOf(env: Env): ServiceConfig {
  const positive = (v: string | undefined) => (Number.isSafeInteger(Number(v)) && Number(v) > 0 ? Number(v) : undefined)
  const max = positive(env.TXSCREEN_BATCH_MAX_BYTES)
  const timeout = positive(env.TXSCREEN_SCREEN_TIMEOUT_MS)
  return {
    ...DEFAULT_CONFIG,
    storeVerdicts: env.TXSCREEN_STORE_VERDICTS === 'alerts' ? 'alerts' : 'all',
    ...(max ? { batchBodyLimit: max } : {}),
    ...(timeout ? { screenTimeoutMs: timeout } : {}),
  }
}

/** A database per request, as Hyperdrive recommends: it pools the real connections on its side. */
function openDb(env: Env): Db {
  return new Kysely({ dialect: pgDialect(createPgPool({ connectionString: env.HYPERDRIVE.connectionString, max: 1 })) })
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

export default {
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
      response = await createApp({ db, rulesets, config: configOf(env), background }).fetch(request)
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

  /** Cron trigger: picks up batches whose isolate went away (see wrangler.toml [triggers]). */
  async scheduled(_event: unknown, env: Env, ctx: ExecutionContext): Promise<void> {
    const db = openDb(env)
    const tasks: Promise<unknown>[] = []
    const background: BackgroundTasks = { run: (task) => void tasks.push(task(new AbortController().signal)) }
    try {
      await recoverStaleBatches({ db, rulesets, config: configOf(env), background }, 5 * 60_000)
      ctx.waitUntil(Promise.allSettled(tasks).finally(() => db.destroy()))
    } catch (err) {
      await db.destroy()
      throw err
    }
  },
}
