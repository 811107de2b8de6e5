import { createServer, connect, type Server, type Socket } from 'node:net'

/** A loopback TCP proxy to PostgreSQL that a test can cut and restore, to play a database going away. */
export class TcpProxy {
  #server: Server | undefined
  readonly #sockets = new Set<Socket>()
  #hung = false
  port = 0

  constructor(readonly targetPort: number) {}

  async start(): Promise<void> {
    if (this.#server) return
    this.#server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1')
      for (const s of [client, upstream]) {
        this.#sockets.add(s)
        s.on('close', () => this.#sockets.delete(s))
        s.on('error', () => {})
      }
      if (this.#hung) return // accept, then never answer
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve, reject) => {
      this.#server!.once('error', reject)
      this.#server!.listen(this.port, '127.0.0.1', resolve)
    })
    this.port = (this.#server.address() as { port: number }).port
  }

  /** Keeps connections open but stops moving bytes: a database that hangs instead of refusing. */
  hang(): void {
    this.#hung = true
    for (const s of this.#sockets) s.pause()
  }

  /** Refuses new connections and drops the open ones. */
  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy()
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
    this.#server = undefined
    this.#hung = false
  }
}
