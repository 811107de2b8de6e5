import { parseCsvLine } from '../core/io/csv-line.ts'

/**
 * The ground truth for one record: `labels.csv` is `id,is_illicit,instance_id,typology`, optionally followed by
 * `family`, which names the hard-negative family a benign record belongs to (the generator writes it).
 */
export interface Label {
  illicit: boolean
  /** the planted instance the record belongs to; empty for benign records */
  instance: string
  typology: string
  /** the benign family (`everyday` for the plain background), when the file has the column and the row fills it */
  family?: string
}

export type Labels = ReadonlyMap<string, Label>

const HEADER = ['id', 'is_illicit', 'instance_id', 'typology']
const FAMILY = 'family'

/**
 * Parses labels.csv text. The header is required so a file with swapped columns fails loudly
 * instead of silently inverting the figures.
 */
export function parseLabels(text: string): Map<string, Label> {
  const lines = text.split('\n')
  const header = parseCsvLine(lines[0] ?? '')?.map((h) => h.trim())
  if (!header || HEADER.some((h, i) => header[i] !== h)) {
    throw new Error(`labels: expected the header "${HEADER.join(',')}" (then optionally ",${FAMILY}"), got "${(lines[0] ?? '').trim()}"`)
  }
  const withFamily = header[HEADER.length] === FAMILY
  const labels = new Map<string, Label>()
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!
    if (line.trim() === '') continue
    const f = parseCsvLine(line)
    if (!f || f.length < 2) throw new Error(`labels: line ${n + 1}: expected ${HEADER.length} fields`)
    const flag = f[1]!.trim()
    if (flag !== '0' && flag !== '1') throw new Error(`labels: line ${n + 1}: is_illicit must be 0 or 1, got "${flag}"`)
    const label: Label = { illicit: flag === '1', instance: (f[2] ?? '').trim(), typology: (f[3] ?? '').trim() }
    const family = withFamily ? (f[4] ?? '').trim() : ''
    if (family !== '') label.family = family
    labels.set(f[0]!, label)
  }
  return labels
}
