import { randomHex } from '../store/crypto.ts'
import { createBacktest, type BacktestInfo, type BacktestParams } from '../store/backtests.ts'
import { audit } from '../store/audit.ts'
import { getRulesetFiles } from '../store/rulesets.ts'
import { runBacktest } from './backtest-run.ts'
import type { ServiceDeps } from './deps.ts'
import { NoActiveRulesetError } from './errors.ts'

/**
 * Asks for a backtest of `candidate` against the active rule set over the tenant's kept history: stores it
 * queued, audited, and runs it in the background. Undefined when there is no such version.
 */
export async function requestBacktest(
  deps: ServiceDeps,
  req: { candidate: string; tenant: string; actor: string; params: BacktestParams },
): Promise<BacktestInfo | undefined> {
  if (!(await getRulesetFiles(deps.db, req.candidate))) return undefined
  const base = await deps.rulesets.activeVersion(deps.db)
  if (!base) throw new NoActiveRulesetError()
  // both compile now: a version that no longer compiles is refused here rather than fail in the background
  await deps.rulesets.compiled(deps.db, base)
  await deps.rulesets.compiled(deps.db, req.candidate)
  const job = await createBacktest(deps.db, { id: `bt_${randomHex(10)}`, tenant: req.tenant, base, candidate: req.candidate, params: req.params, createdBy: req.actor })
  await audit(deps.db, { actor: req.actor, action: 'ruleset.backtest', target: req.candidate, details: { backtest: job.id, base, tenant: req.tenant, ...req.params } })
  deps.background.run((signal) => runBacktest(deps, job, signal), { interruptible: true })
  return job
}
