import { listApiKeys } from '../../store/api-keys.ts'
import { configFromEnv } from './config.ts'
import { databaseTargetFromEnv, openDatabase } from './open-database.ts'
import { log, startService } from './service.ts'

// `npm start`: the screening service on PGlite (TXSCREEN_DATA_DIR, default ./data) or PostgreSQL (DATABASE_URL)
async function main(): Promise<void> {
  const config = configFromEnv()
  const target = databaseTargetFromEnv()
  log(target.kind === 'pg' ? 'store: PostgreSQL (DATABASE_URL)' : `store: PGlite in ${target.dataDir}`)
  const store = await openDatabase(target)
  const service = await startService(store, config)
  log(`listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${service.port} (docs at /docs)`)
  if ((await listApiKeys(store.db)).length === 0) {
    log('no API keys yet: create one with `npx txscreen keys create --role admin`')
  }

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal}: draining in-flight requests and batches`)
    service.stop().then(
      () => {
        log('stopped')
        process.exit(0)
      },
      (err: unknown) => {
        log(`error while stopping: ${err instanceof Error ? err.message : String(err)}`)
        process.exit(1)
      },
    )
  }
  // SIGHUP reads the configured lists again, as POST /v1/lists/reload does
  process.on('SIGHUP', () => {
    const lists = service.deps.lists
    if (!lists) return log('SIGHUP: no lists configured (TXSCREEN_LISTS)')
    lists.reload().then(
      (d) => log(`lists reloaded: ${d.sources.map((s) => `${s.spec} (${s.entries} entries, ${s.indicators} indicators)`).join(', ')}`),
      (err: unknown) => log(`lists not reloaded, the previous ones stay in use: ${err instanceof Error ? err.message : String(err)}`),
    )
  })
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((err: unknown) => {
  log(err instanceof Error ? err.message : String(err))
  process.exit(1)
})
