import { z } from 'zod'
import { formatRuleIssue, type RuleIssue } from '../../errors.ts'
import { parseYamlSource, type RuleSource } from '../../rules/yaml-source.ts'
import { GOAML_COUNTRIES, GOAML_CURRENCIES } from './codes.ts'

const code = z.string().min(1).max(10)
const country = z.string().refine((c) => GOAML_COUNTRIES.has(c), 'expected a country code of goAML 5.0.1, such as GB')
const name = (max: number) => z.string().min(1).max(max)

/**
 * The reporting-entity file: who files (the header of every report), how its own accounts are recognised,
 * and the FIU's code tables. Codes vary by FIU; "-" is goAML's "unknown" for every code list.
 */
export const ReportingEntitySchema = z.strictObject({
  rentity_id: z.number().int().min(1),
  rentity_branch: name(255),
  submission_code: z.enum(['E', 'M']).default('E'),
  currency_code_local: z.string().refine((c) => GOAML_CURRENCIES.has(c), 'expected a currency code of goAML 5.0.1, such as GBP'),
  institution: z.strictObject({
    name: name(255),
    /** the institution's own BIC, written on its clients' accounts */
    swift: z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'expected a BIC of 8 or 11 characters').optional(),
    /** a national institution code, when there is no BIC */
    code: name(50).optional(),
    country: country.optional(),
    /**
     * what a transfer's party `institution` says for an account held here: BICs (an 8-character BIC also
     * matches its 11-character branch codes) or internal codes; compared without regard to case
     */
    identifiers: z.array(z.string().min(1)).min(1),
  }).refine((i) => i.swift !== undefined || i.code !== undefined, 'give the institution a swift (BIC) or a code'),
  reporting_person: z.strictObject({
    first_name: name(100),
    last_name: name(100),
    email: z.string().max(255).optional(),
    occupation: name(255).optional(),
  }),
  location: z.strictObject({
    address_type: code.default('-'),
    address: name(100),
    city: name(255),
    zip: z.string().max(10).optional(),
    country_code: country,
  }),
  /** channel of a record (wire, cash, ...) to the FIU's transmode_code; `default` for channels not listed */
  transmode_codes: z.record(z.string(), code).default({}),
  /** channel to the FIU's funds code (from_funds_code, to_funds_code); `default` for channels not listed */
  funds_codes: z.record(z.string(), code).default({}),
  /** the report's indicators; goAML 5.0.1 itself lists only "-", an FIU's schema lists its own */
  report_indicators: z.array(code).min(1).default(['-']),
  /** what goes where goAML requires a fact of the institution's own client that a transfer record does not carry */
  unknown: z.strictObject({ text: name(30).default('UNKNOWN'), date: z.iso.date().default('1900-01-01') }).prefault({}),
})

export type ReportingEntity = z.infer<typeof ReportingEntitySchema>

export class ReportingEntityError extends Error {
  constructor(readonly issues: RuleIssue[]) {
    super(issues.map(formatRuleIssue).join('\n'))
  }
}

/** Reads a reporting-entity YAML file; bad content throws a ReportingEntityError naming file:line:column. */
export function parseReportingEntity(source: RuleSource): ReportingEntity {
  const yaml = parseYamlSource(source)
  if (yaml.issues.length > 0) throw new ReportingEntityError(yaml.issues)
  const parsed = ReportingEntitySchema.safeParse(yaml.value)
  if (!parsed.success) throw new ReportingEntityError(parsed.error.issues.map((i) => yaml.issueAt(i.path as PropertyKey[], i.message)))
  return parsed.data
}

/** whether a party's institution is the reporting institution: the account is held here */
export function isOwnInstitution(entity: ReportingEntity, institution: string | undefined): boolean {
  if (!institution) return false
  const wanted = institution.trim().toUpperCase()
  return entity.institution.identifiers.some((id) => {
    const own = id.trim().toUpperCase()
    return own === wanted || (own.length === 8 && wanted.length === 11 && wanted.startsWith(own))
  })
}

/** a code from a channel table: the channel's own, else the table's default, else "-" */
export function codeFor(table: Readonly<Record<string, string>>, channel: string | undefined): string {
  return (channel !== undefined ? table[channel] : undefined) ?? table.default ?? '-'
}
