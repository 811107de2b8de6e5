/** Error lines and rule-file issues are data, never exceptions: the batch always goes on. */

/** One output line for an input record that could not be screened. */
export interface LineError {
  line: number
  id?: string
  error: { code: LineErrorCode; message: string; path?: string }
}

export type LineErrorCode =
  | 'invalid_json'
  | 'invalid_record'
  | 'invalid_csv'
  | 'line_too_long'
  | 'no_rate'
  | 'duplicate_id'
  | 'screening_failed'

/** A problem in a rule or ruleset file, pointing at file:line:column. */
export interface RuleIssue {
  file: string
  line: number
  column: number
  message: string
  path?: string
}

export function formatRuleIssue(issue: RuleIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`
}
