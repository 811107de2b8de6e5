import type { CaseReportFormat } from './case-report-format.ts'
import { goamlFormat } from './goaml/format.ts'

/** The case reports. A new one is its file and a line here. */
const CASE_REPORTS: readonly CaseReportFormat[] = [goamlFormat]

/** the case report named, if there is one */
export function caseReportNamed(name: string): CaseReportFormat | undefined {
  return CASE_REPORTS.find((r) => r.name === name)
}

export const caseReportNames: readonly string[] = CASE_REPORTS.map((r) => r.name)
