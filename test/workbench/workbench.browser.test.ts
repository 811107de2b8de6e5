import { existsSync } from 'node:fs'
import { copyFile, mkdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshDatabase, type TestDatabase } from '../service/support/databases.ts'
import { transfer } from '../service/support/rules.ts'
import { seed, TestService, type Keys } from '../service/support/service.ts'
import { CANDIDATE_RULES } from '../service/support/shadow-rules.ts'

// The workbench as an analyst uses it, in Debian's headless Chromium. Without the browser the test skips,
// except under CI, where it fails: CI installs chromium (.ci/run).
const CHROMIUM = '/usr/bin/chromium'
const haveChromium = existsSync(CHROMIUM)
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`)

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url)
// waits are generous: a loaded two-core machine runs this beside the rest of the suite
const WAIT = { timeout: 45_000 }

describe.skipIf(!haveChromium)('workbench in a browser', () => {
  let db: TestDatabase
  let svc: TestService
  let keys: Keys
  let server: Server
  let browser: Browser
  let base: string
  // three transfers from one sender to three parties: the second and third alert under the test rules
  const sent = [transfer(10, 'WB-1', 'WB-A'), transfer(20, 'WB-1', 'WB-B'), transfer(30, 'WB-1', 'WB-C')]
  // sent while a candidate runs as the shadow: three to one receiver, whose second and third the candidate reviews
  const shadowed = [transfer(40, 'WB-2', 'WB-Q'), transfer(50, 'WB-3', 'WB-Q'), transfer(60, 'WB-4', 'WB-Q')]
  let candidate: string

  beforeAll(async () => {
    db = await freshDatabase('pglite')
    // a fixed clock: the chart's default period ends on it, so the transfers above fall in it
    svc = await TestService.open(db.target, { clock: { now: () => Date.parse('2026-03-20T00:00:00Z') } })
    keys = await seed(svc)
    for (const t of sent) expect((await svc.post('/v1/screen', keys.screen, t)).status).toBe(200)
    const published = await svc.post('/v1/rulesets', keys.analyst, { files: CANDIDATE_RULES, activate: false })
    candidate = (await published.json()).version
    server = createServer(getRequestListener(svc.app.fetch))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'], timeout: 60_000 })
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    await svc?.close()
    await db?.drop()
  })

  it('signs in with a key, opens an alert, draws its network, marks it false positive, starts a shadow and sees its comparison', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    const elsewhere: string[] = []
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) elsewhere.push(r.url())
    })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))

    await page.goto(`${base}/workbench`, WAIT)
    await page.locator('#key').fill(keys.analyst, WAIT)
    await page.locator('#sign-in button[type=submit]').click(WAIT)

    // the queue: the third transfer's alert, opened
    const row = page.locator('#alerts tr', { hasText: sent[2]!.id })
    await row.click(WAIT)
    await expect.poll(() => page.locator('#hits').textContent(WAIT), WAIT).toContain('3 transfers from')

    // its sender's counterparties: the sender and three receivers
    await page.locator('#network[data-nodes]').waitFor(WAIT)
    expect(Number(await page.locator('#network').getAttribute('data-nodes'))).toBe(4)
    expect(await page.locator('#network canvas').count()).toBeGreaterThan(0)

    await page.locator('#note').fill('salary to family members', WAIT)
    await page.locator('#disposition button[data-outcome=false_positive]').click(WAIT)
    const mark = page.locator('#marks li[data-outcome=false_positive]')
    await mark.waitFor(WAIT)
    expect(await mark.textContent()).toContain('salary to family members')

    // a candidate version started as the shadow from its row; calls then arrive, and the panel shows how it differs
    await page.locator(`button.shadow-toggle[data-version="${candidate}"]`).click(WAIT)
    await page.locator('#shadow-summary[data-status=running]').waitFor(WAIT)
    for (const t of shadowed) expect((await svc.post('/v1/screen', keys.screen, t)).status).toBe(200)
    await page.locator('#shadow-summary[data-transfers="3"]').waitFor(WAIT)
    const panel = page.locator('#shadow')
    expect(await panel.locator('tr', { hasText: 'repeat-receiver' }).locator('td').allTextContents()).toEqual(['repeat-receiver', '0', '2'])
    // the active set clears all three; the shadow reviews two: clear -> review twice
    expect(await panel.locator('tr', { hasText: /^clear/ }).first().locator('td').allTextContents()).toEqual(['clear', '1', '2', '0', '3'])
    expect(await page.locator(`button.shadow-toggle[data-version="${candidate}"]`).textContent()).toBe('Stop shadow')
    // the chart of alerts per rule is drawn
    await page.locator('#chart canvas').waitFor(WAIT)

    await mkdir(ARTIFACTS, { recursive: true })
    const shot = new URL('workbench.png', ARTIFACTS)
    await page.screenshot({ path: shot.pathname, fullPage: true })
    // `WORKBENCH_SCREENSHOT=1 npx vitest run test/workbench` refreshes the README's picture
    if (process.env.WORKBENCH_SCREENSHOT) await copyFile(shot, new URL('../../docs/workbench.png', import.meta.url))

    expect(errors).toEqual([])
    expect(elsewhere).toEqual([])
    // the mark is the API's too
    const stored = await (await svc.request(`/v1/alerts/${await row.getAttribute('data-alert')}/dispositions`, { key: keys.analyst })).json()
    expect(stored.dispositions.map((d: { outcome: string }) => d.outcome)).toEqual(['false_positive'])
    await page.close()
  })

  it('sends a key without the analyst role back to sign in', async () => {
    const page = await browser.newPage()
    await page.goto(`${base}/workbench`, WAIT)
    await page.locator('#key').fill(keys.screen, WAIT)
    await page.locator('#sign-in button[type=submit]').click(WAIT)
    await expect.poll(() => page.locator('#sign-in-error').textContent(WAIT), WAIT).toContain('analyst')
    expect(await page.locator('#bench').isHidden()).toBe(true)
    await page.close()
  })
})
