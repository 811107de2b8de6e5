import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { driveOpenLoop } from '../../load/lib/open-loop.ts'

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** a server that records when each request arrived and answers after `delayMs` (never when undefined) */
async function listen(delayMs: number | undefined): Promise<{ url: string; arrivals: number[] }> {
  const arrivals: number[] = []
  server = createServer((req, res) => {
    arrivals.push(performance.now())
    req.resume()
    if (delayMs !== undefined) setTimeout(() => res.end('{}'), delayMs)
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/screen`, arrivals }
}

const common = { key: 'k', contentType: 'application/json', body: () => '{}' }

// The load figures are only the server's if requests arrive spread over each second, as k6 sends them:
// autocannon's rate limit sent each second's quota at once and measured the queue it made.
describe('driveOpenLoop', () => {
  it('starts requests evenly over each second, not in a burst at its start', async () => {
    const { url, arrivals } = await listen(1)
    const f = await driveOpenLoop({ ...common, url, rate: 100, seconds: 1, maxConnections: 64 })
    expect(f.requests).toBe(100)
    expect(f.errors).toBe(0)
    const first = arrivals[0]!
    // a burst would put all 100 in the first few milliseconds; even pacing puts about 25 in each quarter
    const inFirstQuarter = arrivals.filter((t) => t - first < 250).length
    expect(inFirstQuarter).toBeLessThan(50)
    expect(arrivals.at(-1)! - first).toBeGreaterThan(700)
  })

  it('drops and counts the requests that fall due while every connection is waiting', async () => {
    const { url } = await listen(undefined)
    // nothing is ever answered: 5 requests wait, the other 45 due in half a second are dropped
    setTimeout(() => server!.closeAllConnections(), 700)
    const f = await driveOpenLoop({ ...common, url, rate: 100, seconds: 0.5, maxConnections: 5 })
    expect(f.dropped).toBe(45)
    expect(f.requests).toBe(5)
    expect(f.errors).toBe(5)
  })
})
