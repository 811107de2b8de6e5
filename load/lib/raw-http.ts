import { connect, type Socket } from 'node:net'

/**
 * A minimal HTTP/1.1 client for the load driver: keep-alive connections over `node:net`, one request at a
 * time on each, the request bytes built once per call, the answer read only as far as its status and length.
 *
 * Why not `node:http`: on a small machine the driver shares the cores with the server and PostgreSQL, and
 * `http.request` costs the driver about twice the CPU per call (`bench/load-driver.ts`; figures in
 * docs/service.md), CPU the server under test then lacks. k6 on another machine costs the server
 * nothing; this keeps the driver's share small. Handles Content-Length and chunked bodies and
 * `Connection: close`; anything it cannot read counts as a failed call.
 */
export interface RawHttpOptions {
  host: string
  port: number
  /** at most this many connections, each with one call in flight */
  maxConnections: number
  timeoutMs: number
}

export type RawHttpResult = { status: number } | { error: Error }

interface Connection {
  socket: Socket
  busy: boolean
  dropped: boolean
  /** bytes of the answer read so far */
  buffered: Buffer
  done: ((r: RawHttpResult) => void) | undefined
  timer: ReturnType<typeof setTimeout> | undefined
}

const HEADER_END = Buffer.from('\r\n\r\n')

export class RawHttpClient {
  readonly #idle: Connection[] = []
  #open = 0

  constructor(private readonly opts: RawHttpOptions) {}

  /** connections in use or idle */
  get connections(): number {
    return this.#open
  }

  /** sends one request; resolves with the status, or with an error (never rejects) */
  send(head: string, body: string): Promise<RawHttpResult> {
    return new Promise((resolve) => {
      const conn = this.#idle.pop() ?? this.#connect()
      if (!conn) return resolve({ error: new Error('all connections are busy') })
      conn.busy = true
      conn.done = resolve
      conn.timer = setTimeout(() => this.#fail(conn, new Error('timeout')), this.opts.timeoutMs)
      conn.socket.write(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
    })
  }

  /** closes the idle connections (call once every request has settled) */
  close(): void {
    for (const c of [...this.#idle]) this.#drop(c)
  }

  #connect(): Connection | undefined {
    if (this.#open >= this.opts.maxConnections) return undefined
    const socket = connect({ host: this.opts.host, port: this.opts.port, noDelay: true })
    const conn: Connection = { socket, busy: false, dropped: false, buffered: Buffer.alloc(0), done: undefined, timer: undefined }
    this.#open++
    socket.on('data', (chunk: Buffer) => this.#read(conn, chunk))
    socket.on('error', (err) => this.#fail(conn, err))
    socket.on('close', () => this.#fail(conn, new Error('connection closed')))
    return conn
  }

  #read(conn: Connection, chunk: Buffer): void {
    // bytes on a connection with no call waiting (a server's unsolicited 408, say): it cannot be trusted again
    if (!conn.busy) return this.#drop(conn)
    conn.buffered = conn.buffered.length === 0 ? chunk : Buffer.concat([conn.buffered, chunk])
    const answer = parseAnswer(conn.buffered)
    if (answer === undefined) return
    if ('error' in answer) return this.#fail(conn, answer.error)
    if (answer.length < conn.buffered.length) return this.#fail(conn, new Error('bytes after the answer'))
    conn.buffered = Buffer.alloc(0)
    this.#settle(conn, { status: answer.status })
    if (answer.close) this.#drop(conn)
    else this.#idle.push(conn)
  }

  #settle(conn: Connection, result: RawHttpResult): void {
    clearTimeout(conn.timer)
    const done = conn.done
    conn.done = undefined
    conn.busy = false
    done?.(result)
  }

  #fail(conn: Connection, error: Error): void {
    if (conn.busy) this.#settle(conn, { error })
    this.#drop(conn)
  }

  #drop(conn: Connection): void {
    if (conn.dropped) return
    conn.dropped = true
    this.#open--
    const at = this.#idle.indexOf(conn)
    if (at >= 0) this.#idle.splice(at, 1)
    conn.socket.destroy()
  }
}

/**
 * The status and total length of the HTTP/1.1 answer at the start of `bytes`, undefined while incomplete.
 * Exported for tests.
 */
export function parseAnswer(bytes: Buffer): { status: number; length: number; close: boolean } | { error: Error } | undefined {
  const headEnd = bytes.indexOf(HEADER_END)
  if (headEnd < 0) return undefined
  const head = bytes.toString('latin1', 0, headEnd)
  const lines = head.split('\r\n')
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]!)
  if (!status) return { error: new Error(`not an HTTP/1.1 status line: ${lines[0]!.slice(0, 60)}`) }
  let contentLength: number | undefined
  let chunked = false
  let close = lines[0]!.startsWith('HTTP/1.0')
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim().toLowerCase()
    if (name === 'content-length') contentLength = Number(value)
    else if (name === 'transfer-encoding') chunked = value.includes('chunked')
    else if (name === 'connection') close = value === 'close'
  }
  const bodyStart = headEnd + HEADER_END.length
  if (chunked) {
    const end = chunkedEnd(bytes, bodyStart)
    if (end === -1) return { error: new Error('a malformed chunk size') }
    return end === undefined ? undefined : { status: Number(status[1]), length: end, close }
  }
  if (contentLength === undefined || !Number.isSafeInteger(contentLength)) {
    return { error: new Error('an answer without Content-Length or chunked encoding') }
  }
  const length = bodyStart + contentLength
  return bytes.length < length ? undefined : { status: Number(status[1]), length, close }
}

/** where a chunked body starting at `at` ends (after its last chunk and trailers), undefined if incomplete, -1 if malformed */
function chunkedEnd(bytes: Buffer, at: number): number | undefined {
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at)
    if (lineEnd < 0) return undefined
    const size = parseInt(bytes.toString('latin1', at, lineEnd), 16)
    if (Number.isNaN(size)) return -1
    if (size === 0) {
      const trailersEnd = bytes.indexOf('\r\n', lineEnd + 2)
      if (trailersEnd === lineEnd + 2) return trailersEnd + 2
      const end = bytes.indexOf(HEADER_END, lineEnd)
      return end < 0 ? undefined : end + HEADER_END.length
    }
    at = lineEnd + 2 + size + 2
    if (at > bytes.length) return undefined
  }
}
