import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  caseReportNamed, caseReportNames, caseTransfers, CaseSchema, GoamlReportError, parseReportingEntity, pickExport,
  ReportingEntityError, type Case, type ReportingEntity,
} from '../../core/index.ts'
import { parseCommand } from '../args.ts'
import { loadRulesetOrReport } from '../load-ruleset.ts'
import { readEvidence } from '../read-evidence.ts'

const USAGE = `usage:
  txscreen report ${caseReportNames.join('|')} --cases CASES.ndjson --records RECORDS --entity ENTITY.yaml --out DIR
                  [--verdicts VERDICTS.ndjson] [--rules DIR] [--date RFC3339]
      one report per case, DIR/<case id>.xml; the rule set's rates convert amounts to the local currency
  txscreen report transfers --cases CASES.ndjson --records RECORDS --out FILE.csv|FILE.ndjson
      every evidence transfer of every case, a row each

CASES is the --cases file of \`txscreen batch\` (NDJSON); RECORDS the batch's input (any input format);
VERDICTS its --out file, for the reasons of each alerting transfer.`

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand('report', USAGE, argv, {
    cases: { type: 'string' }, records: { type: 'string' }, verdicts: { type: 'string' }, entity: { type: 'string' },
    out: { type: 'string' }, rules: { type: 'string' }, date: { type: 'string' },
  })
  if (!args.ok) return args.code
  const { values, positionals } = args
  const name = positionals[0]
  const report = name === undefined ? undefined : caseReportNamed(name)
  if ((name !== 'transfers' && !report) || !values.cases || !values.records || !values.out || (report && !values.entity)) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  try {
    const cases = await readCases(values.cases)
    const wanted = new Set(cases.flatMap((c) => c.evidence))
    const { records, verdicts } = await readEvidence(values.records, values.verdicts, wanted)
    if (!report) {
      const exp = pickExport('transfers', { path: values.out })!
      await writeFile(values.out, exp.header + exp.encode(caseTransfers(cases, records)))
      return 0
    }
    const entity = await readEntity(values.entity!)
    const ruleset = await loadRulesetOrReport(values.rules, 'txscreen report')
    if (!ruleset) return 2
    const submittedAt = values.date ?? new Date().toISOString()
    await mkdir(values.out, { recursive: true })
    let failed = 0
    for (const c of cases) {
      try {
        const text = report.build({ case: c, records, verdicts, entity, money: ruleset, submittedAt })
        await writeFile(join(values.out, `${c.id}${report.extension}`), text)
      } catch (err) {
        if (!(err instanceof GoamlReportError)) throw err
        failed++
        process.stderr.write(`txscreen report: ${err.message}\n`)
      }
    }
    process.stderr.write(`txscreen report: ${cases.length - failed} of ${cases.length} case(s) reported in ${values.out}\n`)
    return failed > 0 ? 1 : 0
  } catch (err) {
    process.stderr.write(`txscreen report: ${(err as Error).message}\n`)
    return 2
  }
}

/** the cases file, each line checked against the case schema (a line of another shape names its line) */
async function readCases(path: string): Promise<Case[]> {
  const lines = (await readFile(path, 'utf8')).split('\n')
  const cases: Case[] = []
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      throw new Error(`${path}:${i + 1}: not valid JSON`)
    }
    const parsed = CaseSchema.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new Error(`${path}:${i + 1}: ${issue.path.join('.') || 'case'}: ${issue.message} (a cases file of txscreen batch --cases)`)
    }
    cases.push(parsed.data)
  }
  return cases
}

async function readEntity(path: string): Promise<ReportingEntity> {
  try {
    return parseReportingEntity({ path, text: await readFile(path, 'utf8') })
  } catch (err) {
    if (err instanceof ReportingEntityError) throw new Error(`bad reporting-entity file:\n${err.message}`)
    throw err
  }
}
