/**
 * Splits one logical CSV line into fields (RFC 4180): fields are separated by commas, a field may be quoted with
 * `"`, a quote inside a quoted field is written twice, and a quoted field may hold commas and line breaks.
 * Returns null when a quote is still open at the end, so the caller can join the next physical line and retry.
 * A trailing `\r` (CRLF input) is dropped. Text after a closing quote up to the next comma is kept, as most
 * producers mean it (`"a"b` gives `ab`), rather than failing the whole line.
 */
export function parseCsvLine(line: string): string[] | null {
  const end = line.endsWith('\r') ? line.length - 1 : line.length
  // fast path: most lines have no quotes at all
  if (line.indexOf('"') === -1) return line.slice(0, end).split(',')
  const fields: string[] = []
  let i = 0
  for (;;) {
    if (line.charCodeAt(i) === 0x22 /* " */) {
      let value = ''
      let from = i + 1
      for (;;) {
        const quote = line.indexOf('"', from)
        if (quote === -1 || quote >= end) return null
        value += line.slice(from, quote)
        if (line.charCodeAt(quote + 1) === 0x22 && quote + 1 < end) {
          value += '"'
          from = quote + 2
          continue
        }
        i = quote + 1
        break
      }
      const comma = line.indexOf(',', i)
      const stop = comma === -1 || comma > end ? end : comma
      value += line.slice(i, stop)
      fields.push(value)
      if (stop === end) return fields
      i = stop + 1
    } else {
      const comma = line.indexOf(',', i)
      if (comma === -1 || comma >= end) {
        fields.push(line.slice(i, end))
        return fields
      }
      fields.push(line.slice(i, comma))
      i = comma + 1
    }
  }
}
