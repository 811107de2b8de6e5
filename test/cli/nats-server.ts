import { createConnection } from 'node:net'

/** the NATS JetStream server the NATS tests use */
export const NATS = process.env.TXSCREEN_TEST_NATS_URL ?? 'nats://127.0.0.1:4222'

/** whether something listens where NATS should */
function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 4222) })
    socket.setTimeout(2000)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => (socket.destroy(), resolve(false)))
  })
}

/** whether NATS listens: the NATS tests are skipped without it, except under CI (.ci/run starts it) */
export const natsUp = await reachable(NATS)
