/** The Worker as wrangler's `unstable_dev` returns it. */
export type LocalWorker = { fetch(input: string, init?: RequestInit): Promise<Response>; stop(): Promise<void> }

/**
 * Starts the Worker of wrangler.toml in workerd (wrangler's local runtime), Durable Objects included, with
 * Hyperdrive's local connection string pointing at `databaseUrl`, offline. For tests and benchmarks.
 */
export async function startLocalWorker(databaseUrl: string | URL, vars: Record<string, string> = {}): Promise<LocalWorker> {
  // Hyperdrive insists on a password, even for a server that trusts local connections
  const hyperdriveUrl = new URL(databaseUrl)
  if (!hyperdriveUrl.password) hyperdriveUrl.password = 'local'
  process.env.CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE = hyperdriveUrl.toString()
  // offline: no telemetry, no download of the Request.cf fixture
  process.env.WRANGLER_SEND_METRICS = 'false'
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
  const { unstable_dev } = await import('wrangler')
  return (await unstable_dev('src/adapters/workers/index.ts', {
    config: 'wrangler.toml',
    ip: '127.0.0.1',
    port: 0,
    inspectorPort: 0,
    persist: false,
    logLevel: 'warn',
    // a loaded machine must not trip the real-time deadline
    vars: { TXSCREEN_SCREEN_TIMEOUT_MS: '15000', ...vars },
    experimental: { disableExperimentalWarning: true, testMode: true },
  })) as unknown as LocalWorker
}
