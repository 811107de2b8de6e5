import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { ConnectionKeyMemo } from '../../http/auth.ts'
import { tooLarge } from '../../http/body.ts'
import type { AppDeps } from '../../http/deps.ts'
import { requestId } from '../../http/request-id.ts'
import { SCREEN_PATH, screenCall, type Reply, type ScreenRequest } from '../../http/screen-call.ts'

/**
 * `POST /v1/screen` answered straight from Node's request and response, through the same `screenCall` as
 * the Hono route (auth, limits, validation, problems, deadline), without building a web `Request` and
 * `Response` for it: in a CPU profile under load that machinery cost more than the screening.
 */
export function directScreen(deps: AppDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { logger, metrics } = deps
  // read once: a line per call only when the log level asks for it
  const debug = logger?.isLevelEnabled('debug') ?? false
  // each connection's last Authorization header and its key hash, gone with the connection
  const memos = new WeakMap<Socket, ConnectionKeyMemo>()
  return (req, res) => {
    const started = performance.now()
    const reqId = requestId(req.headers['x-request-id'] as string | undefined)
    const socket = req.socket
    let memo = memos.get(socket)
    if (memo === undefined) memos.set(socket, (memo = new ConnectionKeyMemo()))
    void screenCall(deps, new NodeScreenRequest(req, memo)).then((reply) => {
      if (res.destroyed) return
      res.writeHead(reply.status, flatHeaders(reply, reqId, req.readableEnded === false && reply.status === 413))
      res.end(reply.body)
      const seconds = (performance.now() - started) / 1000
      metrics?.request(SCREEN_PATH, 'POST', reply.status, seconds)
      // no line per answered call at info: at thousands of calls a second that would be the log
      if (reply.status >= 500 || debug) {
        logger?.[reply.status >= 500 ? 'warn' : 'debug']({ reqId, method: 'POST', route: SCREEN_PATH, status: reply.status, ms: Math.round(seconds * 1000) }, 'request')
      }
    })
  }
}

/**
 * A reply's headers as the flat list `writeHead` also takes (name, value, name, value), in the order the object
 * had them: Node writes it without walking an object's keys, about 2-4 µs less a call on this machine
 * (BENCHMARKS.md, session srv29). `close`: a body cut off half-read cannot be followed by another request on the
 * connection.
 */
function flatHeaders(reply: Reply, reqId: string, close: boolean): (string | number)[] {
  const flat: (string | number)[] = []
  for (const name in reply.headers) flat.push(name, reply.headers[name]!)
  flat.push('content-length', Buffer.byteLength(reply.body), 'x-request-id', reqId)
  if (close) flat.push('connection', 'close')
  return flat
}

/**
 * What `screenCall` reads of a Node request. A class rather than an object literal with a `text` arrow: under tsx
 * (which keeps function names) every named closure made per call costs an `Object.defineProperty`, about 1 % of
 * a call's CPU in a profile of the server (BENCHMARKS.md, session rt25).
 */
class NodeScreenRequest implements ScreenRequest {
  readonly authorization: string | undefined
  readonly contentType: string | undefined
  readonly contentLength: string | undefined
  readonly accept: string | undefined
  constructor(
    private readonly req: IncomingMessage,
    readonly keyMemo: ConnectionKeyMemo,
  ) {
    const h = req.headers
    this.authorization = h.authorization
    this.contentType = h['content-type']
    this.contentLength = h['content-length']
    this.accept = h.accept
  }

  text(limit: number): Promise<string> {
    return readBody(this.req, limit)
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    // listeners passed inline, unnamed (see NodeScreenRequest); past the limit the rest of the body is read and dropped
    req.on('data', (chunk: Buffer) => {
      if (size > limit) return
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else reject(tooLarge(limit))
    })
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')))
    req.once('error', reject)
    req.once('aborted', () => reject(new Error('the client went away while sending the body')))
  })
}
