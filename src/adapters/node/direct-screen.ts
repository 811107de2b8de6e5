import type { IncomingMessage, ServerResponse } from 'node:http'
import { tooLarge } from '../../http/body.ts'
import type { AppDeps } from '../../http/deps.ts'
import { requestId } from '../../http/request-id.ts'
import { SCREEN_PATH, screenCall } from '../../http/screen-call.ts'

/**
 * `POST /v1/screen` answered straight from Node's request and response, through the same `screenCall` as
 * the Hono route (auth, limits, validation, problems, deadline), without building a web `Request` and
 * `Response` for it: in a CPU profile under load that machinery cost more than the screening.
 */
export function directScreen(deps: AppDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { logger, metrics } = deps
  // read once: a line per call only when the log level asks for it
  const debug = logger?.isLevelEnabled('debug') ?? false
  return (req, res) => {
    const started = performance.now()
    const reqId = requestId(req.headers['x-request-id'] as string | undefined)
    void screenCall(deps, {
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      contentLength: req.headers['content-length'],
      accept: req.headers.accept,
      text: (limit) => readBody(req, limit),
    }).then((reply) => {
      if (res.destroyed) return
      const headers: Record<string, string | number> = { ...reply.headers, 'content-length': Buffer.byteLength(reply.body), 'x-request-id': reqId }
      // a body cut off half-read cannot be followed by another request on the connection
      if (req.readableEnded === false && reply.status === 413) headers.connection = 'close'
      res.writeHead(reply.status, headers)
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

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) {
        chunks.push(chunk)
        return
      }
      req.off('data', onData)
      req.resume()
      reject(tooLarge(limit))
    }
    req.on('data', onData)
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')))
    req.once('error', reject)
    req.once('aborted', () => reject(new Error('the client went away while sending the body')))
  })
}
