import type { Case } from '../screen/cases.ts'
import type { ExportFormat } from './export-format.ts'

/** The columns, in order: every field of a case (a field added to `Case` and missing here does not compile). */
const COLUMN_SET: { [K in keyof Case]-?: true } = {
  id: true, entity: true, decision: true, score: true, maxScore: true, alerts: true, rules: true, typologies: true, transfers: true, evidence: true, firstSeen: true, lastSeen: true,
}
const COLUMNS = Object.keys(COLUMN_SET) as (keyof Case)[]

/** list cells (rules, typologies, transfer ids) join their items with this */
const LIST_SEPARATOR = ';'

/** Cases as CSV for spreadsheets: one row per case, highest score first, each list in one cell. */
export const csvCases: ExportFormat<'cases'> = {
  name: 'csv',
  of: 'cases',
  mediaType: 'text/csv',
  extensions: ['.csv'],
  header: `${COLUMNS.join(',')}\n`,
  encode(cases) {
    let text = ''
    for (const c of cases) text += COLUMNS.map((col) => csvCell(c[col])).join(',') + '\n'
    return text
  },
}

function csvCell(value: string | number | readonly string[]): string {
  const text = typeof value === 'object' ? value.join(LIST_SEPARATOR) : String(value)
  // RFC 4180: a cell with a quote, comma or line break is quoted, its quotes doubled
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
