import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'

/** split one CSV line (RFC 4180 quoting; the benchmark files do not put line breaks inside fields) */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',')
  const out: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      out.push(field)
      field = ''
    } else field += ch
  }
  out.push(field)
  return out
}

/** rows of a CSV file as arrays, header first, read as a stream so file size does not matter */
export async function* csvRows(path: string): AsyncGenerator<string[]> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })
  let first = true
  for await (let line of lines) {
    if (first) {
      first = false
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1)
    }
    if (line.length === 0) continue
    yield splitCsvLine(line)
  }
}

/** column positions by header name; a repeated name (AMLworld's two "Account" columns) maps to every position */
export function headerIndex(header: string[]): Map<string, number[]> {
  const index = new Map<string, number[]>()
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase()
    index.set(key, [...(index.get(key) ?? []), i])
  })
  return index
}
