import { z } from 'zod'

/**
 * Error lines and rule-file issues are data, never exceptions: the batch always goes on. The schemas are
 * the one source for their TypeScript types and for the API document; nothing parses these objects.
 */

export const LINE_ERROR_CODES = [
  'invalid_json',
  'invalid_record',
  'invalid_csv',
  'invalid_xml',
  'line_too_long',
  'no_rate',
  'duplicate_id',
  'screening_failed',
] as const

/** One output line for an input record that could not be screened. */
export const LineErrorSchema = z
  .object({
    line: z.number().int().describe('the input line the record starts on, from 1'),
    transaction: z.number().int().optional().describe("an XML message's transaction: its place in the message, from 1 (the path then names its element)"),
    id: z.string().optional().describe("the record's id, when it could be read"),
    error: z.object({ code: z.enum(LINE_ERROR_CODES), message: z.string(), path: z.string().optional() }),
  })
  .meta({ id: 'LineError' })

/** A problem in a rule or ruleset file, pointing at file:line:column. */
export const RuleIssueSchema = z
  .object({
    file: z.string(),
    line: z.number().int(),
    column: z.number().int(),
    message: z.string(),
    path: z.string().optional(),
  })
  .meta({ id: 'RuleIssue' })

export type LineError = z.infer<typeof LineErrorSchema>
export type LineErrorCode = LineError['error']['code']
export type RuleIssue = z.infer<typeof RuleIssueSchema>

export function formatRuleIssue(issue: RuleIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`
}
