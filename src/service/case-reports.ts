import { caseReportNamed, caseTransfers, GoamlReportError, type CaseTransfer, type TransferRecord } from '../core/index.ts'
import { getBatch } from '../store/batches.ts'
import { alertingVerdicts, getCase, type StoredCase } from '../store/cases.ts'
import { evidenceRecords } from '../store/evidence-records.ts'
import type { ServiceDeps } from './deps.ts'
import { NoReportingEntityError, UnknownCaseError, UnreportableCaseError } from './errors.ts'

async function storedCase(deps: ServiceDeps, tenant: string, caseId: string): Promise<StoredCase> {
  const found = await getCase(deps.db, tenant, caseId)
  if (!found) throw new UnknownCaseError(caseId)
  return found
}

async function keptRecords(deps: ServiceDeps, tenant: string, stored: StoredCase): Promise<Map<string, TransferRecord>> {
  const records = await evidenceRecords(deps.db, tenant, stored.batchId, stored.case.evidence)
  return new Map(records.map((r) => [r.id, r]))
}

/** one of the tenant's cases' evidence transfers, a row each, from the records kept for it */
export async function storedCaseTransfers(deps: ServiceDeps, tenant: string, caseId: string): Promise<CaseTransfer[]> {
  const stored = await storedCase(deps, tenant, caseId)
  return caseTransfers([stored.case], await keptRecords(deps, tenant, stored))
}

/**
 * A stored case's report (goAML, say): the kept evidence records, the stored verdicts' reasons, the rates of
 * the rule set that screened it, and the service's reporting entity.
 */
export async function storedCaseReport(deps: ServiceDeps, tenant: string, caseId: string, reportName: string): Promise<{ text: string; mediaType: string }> {
  const report = caseReportNamed(reportName)!
  const stored = await storedCase(deps, tenant, caseId)
  if (!deps.reportingEntity) throw new NoReportingEntityError()
  const [records, verdicts] = await Promise.all([keptRecords(deps, tenant, stored), alertingVerdicts(deps.db, tenant, stored.batchId, stored.case.transfers)])
  // the rates of the rule set that screened the batch, or a real-time case's first alert
  const version = stored.batchId !== null ? (await getBatch(deps.db, stored.batchId))!.ruleset : verdicts.get(stored.case.transfers[0]!)?.ruleset
  if (version === undefined) throw new UnreportableCaseError(`case ${caseId}: its first alert is no longer stored`)
  const ruleset = await deps.rulesets.compiled(deps.db, version)
  const submittedAt = new Date((deps.clock?.now() ?? Date.now())).toISOString()
  try {
    const text = report.build({ case: stored.case, records, verdicts, entity: deps.reportingEntity, money: ruleset, submittedAt })
    return { text, mediaType: report.mediaType }
  } catch (err) {
    if (err instanceof GoamlReportError) throw new UnreportableCaseError(err.message)
    throw err
  }
}
