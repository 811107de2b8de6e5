import type { IncomingMessage, ServerResponse } from 'node:http'
import { tooLarge } from '../../http/body.ts'
import type { AppDeps } from '../../http/deps.ts'
import { screenCall } from '../../http/screen-call.ts'

/**
 * `POST /v1/screen` answered straight from Node's request and response, through the same `screenCall` as
 * the Hono route (auth, limits, validation, problems, deadline), without building a web `Request` and
 * `Response` for it: in a CPU profile under load that machinery cost more than the screening.
 */
export function directScreen(deps: AppDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void screenCall(deps, {
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      contentLength: req.headers['content-length'],
      accept: req.headers.accept,
      text: (limit) => readBody(req, limit),
    }).then((reply) => {
      if (res.destroyed) return
      const headers: Record<string, string | number> = { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) }
      // a body cut off half-read cannot be followed by another request on the connection
      if (req.readableEnded === false && reply.status === 413) headers.connection = 'close'
      res.writeHead(reply.status, headers)
      res.end(reply.body)
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
