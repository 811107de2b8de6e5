import type { GoamlInput } from './goaml/report.ts'

/** what a report of one case is made from: the case, its evidence records and verdicts, the filer and the rates */
export type CaseReportInput = GoamlInput

/**
 * One way to report one case to an authority: a document per case. A new report is one file exporting one of
 * these, plus its line in `case-reports.ts`; `txscreen report NAME` and `GET /v1/cases/{id}/NAME` read that table.
 */
export interface CaseReportFormat {
  readonly name: string
  readonly title: string
  readonly mediaType: string
  /** the ending of the file a case's report is written to, with the dot */
  readonly extension: string
  /** the report's text; throws when the case cannot be reported (no evidence record, a currency without a rate) */
  build(input: CaseReportInput): string
}
