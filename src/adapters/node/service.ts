import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { createApp } from '../../http/app.ts'
import { InProcessTasks } from '../../service/background.ts'
import { recoverStaleBatches } from '../../service/batches.ts'
import type { ServiceDeps } from '../../service/deps.ts'
import { RulesetService } from '../../service/rulesets.ts'
import type { NodeConfig } from './config.ts'
import { ensureActiveRuleset } from './default-ruleset.ts'
import { fileLists } from './file-lists.ts'
import { drainKeyInbox } from './key-inbox.ts'
import type { OpenDatabase } from './open-database.ts'

const SWEEP_MS = 30_000

export interface RunningService {
  port: number
  deps: ServiceDeps
  /** stops taking requests, lets in-flight requests and batches finish, closes the store */
  stop(): Promise<void>
}

/** Starts the HTTP server over an opened store: the default rule pack, orphaned batches, then listen. */
export async function startService(store: OpenDatabase, config: NodeConfig): Promise<RunningService> {
  const background = new InProcessTasks()
  const rulesets = new RulesetService()
  const lists = config.lists.length > 0 ? fileLists(config.lists) : undefined
  if (lists) {
    const { sources } = await lists.reload()
    for (const s of sources) log(`list ${s.spec}: ${s.entries} entries, ${s.indicators} indicators`)
  }
  const deps: ServiceDeps = { db: store.db, rulesets, config: config.service, background, ...(lists && { lists }) }
  // PGlite: `txscreen keys create` cannot open the folder while we hold it, so it leaves requests for us
  let inbox: ReturnType<typeof setInterval> | undefined
  if (store.target.kind === 'pglite') {
    const dataDir = store.target.dataDir
    inbox = setInterval(() => {
      drainKeyInbox(dataDir, store.db).then((n) => n && log(`stored ${n} API key(s) made by txscreen keys create`), () => {})
    }, 500)
    inbox.unref()
  }

  const version = await ensureActiveRuleset(store.db, rulesets, config.rulesDir)
  // compiled at start: a stored version that no longer compiles shows here, not in the first screening call
  await rulesets.active(store.db)
  log(`active rule set ${version}`)

  // a PGlite folder has one owner, so whatever is unfinished in it was left by a previous run of this server
  const staleAfter = store.target.kind === 'pglite' ? 0 : config.staleBatchMs
  const recover = async (after: number) => {
    for (const b of await recoverStaleBatches(deps, after)) log(`batch ${b.id}: left ${b.status} by a stopped process; ${b.mode === 'async' && b.status !== 'receiving' ? 'resuming' : 'marked failed'}`)
  }
  await recover(staleAfter)
  const sweeper = setInterval(() => recover(config.staleBatchMs).catch(() => {}), SWEEP_MS)
  sweeper.unref()

  let draining = false
  const app = createApp({ ...deps, draining: () => draining })
  const server = await listen(app.fetch, config)
  const port = (server.address() as AddressInfo).port

  return {
    port,
    deps,
    async stop() {
      draining = true
      clearInterval(sweeper)
      clearInterval(inbox)
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await background.idle()
      await store.close()
    },
  }
}

function listen(fetch: (req: Request) => Response | Promise<Response>, config: NodeConfig): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(server))
    server.once('error', reject)
  })
}

export function log(message: string): void {
  process.stderr.write(`txscreen: ${message}\n`)
}
