import { readFile } from 'node:fs/promises'
import { parseReportingEntity, type ReportingEntity } from '../../core/index.ts'

/** The reporting-entity file of TXSCREEN_GOAML_ENTITY; a bad one stops the start, naming file:line:column. */
export async function readReportingEntity(path: string): Promise<ReportingEntity> {
  return parseReportingEntity({ path, text: await readFile(path, 'utf8') })
}
