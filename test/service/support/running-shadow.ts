import { expect } from 'vitest'
import type { useSeededService } from './service.ts'
import { CANDIDATE_RULES } from './shadow-rules.ts'

/** a shadow's GET …/shadow body: processed, queued, held, lagMs, dropped … */
export type ShadowView = Record<string, any>

/** publishes CANDIDATE_RULES, starts its shadow and waits until it runs; gives a reader of the shadow's view */
export async function runningShadow(s: ReturnType<typeof useSeededService>): Promise<() => Promise<ShadowView>> {
  const published = await s.svc.post('/v1/rulesets', s.keys.analyst, { files: CANDIDATE_RULES, activate: false })
  const path = `/v1/rulesets/${encodeURIComponent((await published.json()).version)}/shadow`
  const view = async (): Promise<ShadowView> => (await s.svc.request(path, { key: s.keys.analyst })).json()
  expect((await s.svc.request(path, { method: 'POST', key: s.keys.analyst })).status).toBe(201)
  await expect.poll(async () => (await view()).status, { timeout: 30_000, interval: 20 }).toBe('running')
  return view
}
