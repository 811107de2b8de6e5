import { readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseReportingEntity } from '../../src/core/index.ts'
import { CANDIDATE_RULES } from '../service/support/candidate-rules.ts'
import { transfer } from '../service/support/rules.ts'
import { ARTIFACTS, haveChromium, signIn, useWorkbench, WAIT } from './support/browser.ts'

// The workbench's backtest panel and case view as an analyst uses them, in Debian's headless Chromium (support/browser.ts).
const ENTITY_PATH = join(import.meta.dirname, '../../fixtures/goaml/reporting-entity.yaml')
// the test rules' base currency is USD with a rate for EUR only: the local currency must be one of them
const entity = parseReportingEntity({ path: ENTITY_PATH, text: readFileSync(ENTITY_PATH, 'utf8').replace('currency_code_local: GBP', 'currency_code_local: USD') })
const client = (id: string) => ({ id, name: `Ann ${id}`, account: `ACC-${id}`, institution: 'EXBKGB2L', country: 'GB' })

describe.skipIf(!haveChromium)('workbench backtests and cases in a browser', () => {
  let candidate: string
  const w = useWorkbench({ reportingEntity: entity }, async (svc, keys) => {
    const published = await svc.rulesets.publish(svc.store.db, CANDIDATE_RULES, { actor: 'test', activate: false })
    if (!published.ok) throw new Error(JSON.stringify(published.issues))
    candidate = published.version
    // real time: one sender pays twice (an alert the candidate drops), another three times
    for (const t of [transfer(10, 'BT-1', 'BT-A'), transfer(20, 'BT-1', 'BT-B'), transfer(30, 'BT-2', 'BT-A'), transfer(40, 'BT-2', 'BT-B'), transfer(50, 'BT-2', 'BT-C')]) {
      expect((await svc.post('/v1/screen', keys.screen, t)).status).toBe(200)
    }
    // a batch, for its case
    const lines = [0, 1].map((i) => JSON.stringify({ ...transfer(100 + i, 'x', 'y'), sender: client('CS-1'), receiver: client(`CS-R${i}`) }))
    const res = await svc.request('/v1/batches', { method: 'POST', key: keys.screen, body: lines.join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } })
    const id = (await res.json()).id
    for (let i = 0; i < 600 && (await (await svc.request(`/v1/batches/${id}`, { key: keys.screen })).json()).status !== 'completed'; i++) await new Promise((r) => setTimeout(r, 50))
  })

  it('starts a backtest of a version and shows its report, and opens a case with its goAML report', async () => {
    const { svc, keys, base, browser } = w
    const page = await browser.newPage({ viewport: { width: 1400, height: 1400 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await signIn(page, base, keys.analyst)

    // the candidate is chosen: the newest version that is not active
    await page.locator('#backtest-form:not([hidden])').waitFor(WAIT)
    expect(await page.locator('#backtest-version').inputValue()).toBe(candidate)
    await page.locator('#backtest-start').click(WAIT)
    await page.locator('#backtest-result[data-status=done] #backtest-report').waitFor(WAIT)
    const report = (await page.locator('#backtest-report').textContent())!
    // five real-time transfers and the batch's two: the second transfers of BT-1, BT-2 and CS-1 no longer
    // alert, BT-2's third still does
    expect(report).toContain('7 records replayed')
    expect(report).toContain('removed: 3')
    expect(report).toContain('Alert volume -3 (-75 %)')
    expect(await page.locator('#backtest-report tr[data-rule=repeat-sender] td').allTextContents()).toEqual(['repeat-sender', '4', '1', '0', '3'])
    // the same as the API's
    const listed = await (await svc.request(`/v1/rulesets/${encodeURIComponent(candidate)}/backtests`, { key: keys.analyst })).json()
    expect(listed.backtests[0].report.removed.count).toBe(3)

    // the case of the batch, and its goAML report fetched with the key
    await page.locator('#cases tr[data-case]').first().click(WAIT)
    await page.locator('#case-goaml').click(WAIT)
    await page.locator('#case-goaml[data-bytes]').waitFor(WAIT)
    expect(Number(await page.locator('#case-goaml').getAttribute('data-bytes'))).toBeGreaterThan(500)

    await mkdir(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: new URL('workbench-backtest.png', ARTIFACTS).pathname, fullPage: true })
    expect(errors).toEqual([])
    await page.close()
  })
})
