import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { parseAnswer, RawHttpClient } from '../../load/lib/raw-http.ts'

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

const bytes = (s: string) => Buffer.from(s, 'latin1')

describe('parseAnswer', () => {
  it('reads a Content-Length answer only once it is whole', () => {
    const whole = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 12\r\n\r\n{"ok":true}\n'
    expect(parseAnswer(bytes(whole.slice(0, 30)))).toBeUndefined()
    expect(parseAnswer(bytes(whole.slice(0, -1)))).toBeUndefined()
    expect(parseAnswer(bytes(whole))).toEqual({ status: 200, length: whole.length, close: false })
  })

  it('reads chunked bodies, Connection: close, and refuses what it cannot delimit', () => {
    const chunked = 'HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n'
    expect(parseAnswer(bytes(chunked.slice(0, -2)))).toBeUndefined()
    expect(parseAnswer(bytes(chunked))).toEqual({ status: 503, length: chunked.length, close: true })
    expect(parseAnswer(bytes('HTTP/1.1 200 OK\r\n\r\n'))).toHaveProperty('error')
    expect(parseAnswer(bytes('SSH-2.0-OpenSSH\r\n\r\n'))).toHaveProperty('error')
    expect(parseAnswer(bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'))).toHaveProperty('error')
  })
})

describe('RawHttpClient', () => {
  it('sends the body with its length, reuses connections, and counts a dropped connection as a failure', async () => {
    const seen: string[] = []
    server = createServer((req, res) => {
      let body = ''
      req.setEncoding('utf8')
      req.on('data', (d) => (body += d))
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization} ${body}`)
        if (body === 'hang up') return req.socket.destroy()
        res.writeHead(body === 'stream' ? 202 : 200)
        // without a length Node answers chunked
        if (body === 'stream') res.write('part ')
        res.end('done')
      })
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    const client = new RawHttpClient({ host: '127.0.0.1', port, maxConnections: 2, timeoutMs: 5000 })
    const head = `POST /v1/screen HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer k\r\n`
    const answers = []
    for (const body of ['zoë €', 'stream', 'plain']) answers.push(await client.send(head, body))
    expect(answers).toEqual([{ status: 200 }, { status: 202 }, { status: 200 }])
    expect(client.connections).toBe(1)
    expect(seen).toEqual(['POST /v1/screen Bearer k zoë €', 'POST /v1/screen Bearer k stream', 'POST /v1/screen Bearer k plain'])
    const [a, b, c] = await Promise.all([client.send(head, 'x'), client.send(head, 'hang up'), client.send(head, 'y')])
    expect(a).toEqual({ status: 200 })
    expect(b).toHaveProperty('error')
    expect(c).toHaveProperty('error') // both connections were busy
    client.close()
  })
})
