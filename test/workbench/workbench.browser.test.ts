import { copyFile, mkdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { transfer } from '../service/support/rules.ts'
import { CANDIDATE_RULES } from '../service/support/shadow-rules.ts'
import { ARTIFACTS, haveChromium, signIn, useWorkbench, WAIT } from './support/browser.ts'

// The workbench as an analyst uses it, in Debian's headless Chromium (support/browser.ts).

describe.skipIf(!haveChromium)('workbench in a browser', () => {
  // three transfers from one sender to three parties: the second and third alert under the test rules
  const sent = [transfer(10, 'WB-1', 'WB-A'), transfer(20, 'WB-1', 'WB-B'), transfer(30, 'WB-1', 'WB-C')]
  // sent while a candidate runs as the shadow: three to one receiver, whose second and third the candidate reviews
  const shadowed = [transfer(40, 'WB-2', 'WB-Q'), transfer(50, 'WB-3', 'WB-Q'), transfer(60, 'WB-4', 'WB-Q')]
  let candidate: string
  // a fixed clock: the chart's default period ends on it, so the transfers above fall in it
  const w = useWorkbench({ clock: { now: () => Date.parse('2026-03-20T00:00:00Z') } }, async (svc, keys) => {
    for (const t of sent) expect((await svc.post('/v1/screen', keys.screen, t)).status).toBe(200)
    const published = await svc.post('/v1/rulesets', keys.analyst, { files: CANDIDATE_RULES, activate: false })
    candidate = (await published.json()).version
  })

  it('signs in with a key, opens an alert, draws its network, marks it false positive, starts a shadow and sees its comparison', async () => {
    const { svc, keys, base, browser } = w
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    const elsewhere: string[] = []
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) elsewhere.push(r.url())
    })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))

    await signIn(page, base, keys.analyst)

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
    const page = await w.browser.newPage()
    await signIn(page, w.base, w.keys.screen)
    await expect.poll(() => page.locator('#sign-in-error').textContent(WAIT), WAIT).toContain('analyst')
    expect(await page.locator('#bench').isHidden()).toBe(true)
    await page.close()
  })
})
