import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { freshDatabase, type TestDatabase } from '../../service/support/databases.ts'
import { seed, TestService, type Keys, type TestConfig } from '../../service/support/service.ts'

// What the browser tests share: Debian's headless Chromium, and the app served over HTTP for it. Without the
// browser the tests skip, except under CI, where they fail: CI installs chromium (.ci/run).
export const CHROMIUM = '/usr/bin/chromium'
export const haveChromium = existsSync(CHROMIUM)
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`)

export const ARTIFACTS = new URL('../../../test-artifacts/', import.meta.url)
// waits are generous: a loaded two-core machine runs this beside the rest of the suite
export const WAIT = { timeout: 45_000 }

/** The app on a local port, and Chromium; `close` stops both. */
export async function serveToBrowser(svc: TestService): Promise<{ base: string; browser: Browser; close(): Promise<void> }> {
  const server: Server = createServer(getRequestListener(svc.app.fetch))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'], timeout: 60_000 })
  return {
    base,
    browser,
    async close() {
      await browser.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export interface Workbench {
  svc: TestService
  keys: Keys
  /** the app's address, and Chromium */
  base: string
  browser: Browser
}

/**
 * For the enclosing describe: a service on a fresh PGlite folder with keys and the test rules, `prepare`d with
 * what the test needs, served to Chromium (fields filled in beforeAll); everything closed in afterAll.
 */
export function useWorkbench(config: TestConfig, prepare: (svc: TestService, keys: Keys) => Promise<void>): Workbench {
  const w = {} as Workbench
  let db: TestDatabase | undefined
  let served: Awaited<ReturnType<typeof serveToBrowser>> | undefined
  beforeAll(async () => {
    db = await freshDatabase('pglite')
    w.svc = await TestService.open(db.target, config)
    w.keys = await seed(w.svc)
    await prepare(w.svc, w.keys)
    served = await serveToBrowser(w.svc)
    w.base = served.base
    w.browser = served.browser
  })
  afterAll(async () => {
    await served?.close()
    await w.svc?.close()
    await db?.drop()
  })
  return w
}

/** Opens the workbench and signs in with `key`. */
export async function signIn(page: Page, base: string, key: string): Promise<void> {
  await page.goto(`${base}/workbench`, WAIT)
  await page.locator('#key').fill(key, WAIT)
  await page.locator('#sign-in button[type=submit]').click(WAIT)
}
