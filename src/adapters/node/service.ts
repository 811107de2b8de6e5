import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { systemClock } from '../../core/index.ts'
import { completeDeps, createApp } from '../../http/app.ts'
import { SCREEN_PATH } from '../../http/screen-call.ts'
import { InProcessTasks } from '../../service/background.ts'
import { StoredBatchQueue } from '../../service/batch-queue.ts'
import { recoverStaleBatches } from '../../service/batches.ts'
import { rollUpRealtimeCases } from '../../service/realtime-cases.ts'
import { pruneHistory } from '../../service/history.ts'
import { failStaleBacktests } from '../../store/backtests.ts'
import type { ServiceDeps } from '../../service/deps.ts'
import { LiveScreening } from '../../service/live-screening.ts'
import type { RealtimeScreening } from '../../service/realtime.ts'
import { RulesetService } from '../../service/rulesets.ts'
import type { NodeConfig } from './config.ts'
import { ensureActiveRuleset } from './default-ruleset.ts'
import { fileLists } from './file-lists.ts'
import { processShadowThread } from './shadow-process.ts'
import { eventLoopBusy } from './event-loop-load.ts'
import { readReportingEntity } from './reporting-entity.ts'
import { directScreen } from './direct-screen.ts'
import { createLogger } from './logger.ts'
import { METRICS_PATH, metricsEndpoint } from './metrics-endpoint.ts'
import { NodeMetrics, type MetricSources } from './metrics.ts'
import { RateLimiter } from '../../http/rate-limit.ts'
import type { Logger } from 'pino'
import { drainKeyInbox } from './key-inbox.ts'
import type { OpenDatabase } from './open-database.ts'

const SWEEP_MS = 30_000
const HISTORY_PRUNE_MS = 3600_000

export interface RunningService {
  port: number
  server: Server
  deps: ServiceDeps
  /** the in-memory real-time state, when TXSCREEN_REALTIME_STATE is memory */
  realtime: RealtimeScreening | undefined
  /** stops taking requests, lets in-flight requests and batches finish, closes the store */
  stop(): Promise<void>
}

export interface StartOptions {
  /** where the JSON log lines go; stderr by default */
  logStream?: NodeJS.WritableStream
}

/** Starts the HTTP server over an opened store: the default rule pack, orphaned batches, then listen. */
export async function startService(store: OpenDatabase, config: NodeConfig, options: StartOptions = {}): Promise<RunningService> {
  const logger = options.logStream ? createLogger(options.logStream) : defaultLogger()
  const log = (message: string) => logger.info(message)
  const background = new InProcessTasks((message) => logger.error(message))
  // one clock for every part of the service that reads wall-clock time
  const clock = systemClock
  const rulesets = new RulesetService(clock)
  const lists = config.lists.length > 0 ? fileLists(config.lists, clock) : undefined
  if (lists) {
    const { sources } = await lists.reload()
    for (const s of sources) log(`list ${s.spec}: ${s.entries} entries, ${s.indicators} indicators`)
  }
  const reportingEntity = config.goamlEntity !== undefined ? await readReportingEntity(config.goamlEntity) : undefined
  const deps: ServiceDeps = { db: store.db, rulesets, config: config.service, background, clock, ...(lists && { lists }), ...(reportingEntity && { reportingEntity }) }
  const batchQueue = new StoredBatchQueue(deps, config.service.batchConcurrency)
  deps.batchQueue = batchQueue
  const rateLimiter = new RateLimiter(config.service.rateLimits, clock)
  // the gauges read the real-time state when scraped: it is made below
  const sources: MetricSources = { db: store.db, running: () => batchQueue.running, live: undefined, rateLimiter }
  const metrics = new NodeMetrics(sources)
  deps.metrics = metrics
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
  // a backtest runs in the process that took it: one whose process stopped is over
  const failBacktests = async (after: number) => {
    for (const id of await failStaleBacktests(store.db, after)) log(`backtest ${id}: left unfinished by a stopped process; marked failed`)
  }
  await failBacktests(staleAfter)
  // the kept history past its retention goes in the background, at most once an hour
  let lastHistoryPrune = 0
  const pruneOldHistory = () => {
    if (clock.now() - lastHistoryPrune < HISTORY_PRUNE_MS) return
    lastHistoryPrune = clock.now()
    background.run((signal) => pruneHistory(deps, signal).then((n) => void (n > 0 && log(`history: ${n} screened records past retention dropped`))))
  }
  pruneOldHistory()
  // the sweep also rolls the real-time alerts stored since the last one into cases
  const rollUp = () => rollUpRealtimeCases(deps).catch((err: unknown) => log(`real-time cases not rolled up (retried on the next sweep): ${err instanceof Error ? err.message : String(err)}`))
  // batches queued by other processes on the same database are taken when a slot here is free
  const sweeper = setInterval(() => {
    recover(config.staleBatchMs)
      .then(() => batchQueue.kick())
      .catch(() => {})
    void rollUp()
    failBacktests(config.staleBatchMs).catch(() => {})
    pruneOldHistory()
  }, SWEEP_MS)
  sweeper.unref()

  // a shadow rule set screens in a child process; on PostgreSQL it writes its rows over its own connection
  const shadowProcess = processShadowThread({ databaseUrl: store.target.kind === 'pg' ? store.target.url : undefined, log })
  // in-memory real-time state: warmed in the background; /ready says when, and calls wait for it
  const realtime =
    config.realtimeState === 'memory'
      ? new LiveScreening(store.db, rulesets, {
          storeVerdicts: config.service.storeVerdicts,
          lists,
          log,
          clock,
          onFlushed: (s) => metrics.flushed(s),
          keepHistory: config.service.historyRetentionDays > 0,
          shadowThread: shadowProcess,
          // the shadow works only while the event loop is quiet, so its process never runs beside live traffic
          shadowBusy: eventLoopBusy(config.shadowMaxLoad),
          shadowMaxQueued: config.shadowMaxQueued,
          afterIo: setImmediate,
        })
      : undefined
  sources.live = realtime
  if (realtime) realtime.start().catch((err: unknown) => log(`real-time state not warmed (retried on the next call): ${err instanceof Error ? err.message : String(err)}`))
  log(`real-time state: ${config.realtimeState}`)

  let draining = false
  // one key cache and one real-time path for the app and the direct route
  const appDeps = completeDeps({ ...deps, logger, rateLimiter, draining: () => draining, ...(realtime && { realtime }) })
  const app = createApp(appDeps)
  const server = await listen(app.fetch, directScreen(appDeps), metricsEndpoint(appDeps, metrics), config)
  const port = (server.address() as AddressInfo).port

  return {
    port,
    server,
    deps,
    realtime,
    async stop() {
      draining = true
      clearInterval(sweeper)
      clearInterval(inbox)
      await new Promise<void>((resolve) => server.close(() => resolve()))
      // every acknowledged call is committed already; this waits for calls still in flight
      await realtime?.close()
      // batches wait to finish; a backtest ends where it stands, marked interrupted (it can be started again)
      await background.stop()
      await store.close()
    },
  }
}

/** Node's HTTP server: `POST /v1/screen` directly, everything else through Hono. */
function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  screen: ReturnType<typeof directScreen>,
  metrics: ReturnType<typeof metricsEndpoint>,
  config: NodeConfig,
): Promise<Server> {
  const hono = getRequestListener(fetch)
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      if (req.method === 'POST' && req.url === SCREEN_PATH) screen(req, res)
      else if (req.method === 'GET' && req.url === METRICS_PATH) metrics(req, res)
      else void hono(req, res)
    })
    // a batch upload may take longer than Node's default 300 s; headers still have headersTimeout (60 s)
    server.requestTimeout = config.requestTimeoutMs
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve(server))
  })
}

let stderrLogger: Logger | undefined

/** The process's logger on stderr, made on first use. */
function defaultLogger(): Logger {
  return (stderrLogger ??= createLogger())
}

/** One line of the server's JSON log, at info. */
export function log(message: string): void {
  defaultLogger().info(message)
}
