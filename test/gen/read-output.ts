import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface LabelRow {
  id: string
  illicit: boolean
  instance: string
  typology: string
  /** the benign family (`everyday` for the background); empty on illicit rows and in files without the column */
  family: string
}

/** records and labels of a generated or imported directory, parsed */
export function readOutput(dir: string): { records: any[]; labels: LabelRow[]; labelHeader: string } {
  const records = readFileSync(join(dir, 'records.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
  const [labelHeader, ...rows] = readFileSync(join(dir, 'labels.csv'), 'utf8').trim().split('\n')
  const labels = rows.map((l) => {
    const [id, illicit, instance, typology, family] = l.split(',')
    return { id: id!, illicit: illicit === '1', instance: instance ?? '', typology: typology ?? '', family: family ?? '' }
  })
  return { records, labels, labelHeader: labelHeader! }
}

/** transfers of each planted instance, in time order */
export function instances(records: any[], labels: LabelRow[]): Map<string, { typology: string; records: any[] }> {
  const out = new Map<string, { typology: string; records: any[] }>()
  labels.forEach((l, i) => {
    if (!l.illicit) return
    const entry = out.get(l.instance) ?? { typology: l.typology, records: [] }
    entry.records.push(records[i])
    out.set(l.instance, entry)
  })
  return out
}

/** benign records of each family */
export function byFamily(records: any[], labels: LabelRow[]): Map<string, any[]> {
  const out = new Map<string, any[]>()
  labels.forEach((l, i) => {
    if (l.illicit) return
    const list = out.get(l.family)
    if (list) list.push(records[i])
    else out.set(l.family, [records[i]])
  })
  return out
}
