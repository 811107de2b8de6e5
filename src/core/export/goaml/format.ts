import type { CaseReportFormat } from '../case-report-format.ts'
import { goamlReport } from './report.ts'

/** goAML 5.0.1 suspicious-transaction reports, the format of UNODC's goAML and the FIUs that run it */
export const goamlFormat: CaseReportFormat = {
  name: 'goaml',
  title: 'goAML 5.0.1 suspicious-transaction report (XML)',
  mediaType: 'application/xml',
  extension: '.xml',
  build: goamlReport,
}
