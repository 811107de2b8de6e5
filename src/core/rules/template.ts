import type { TransferView } from '../screen/view.ts'

export type TemplatePart = string | ((values: readonly number[], view: TransferView, extra: Record<string, string>) => string)

/**
 * "{senders} senders paid {party.id} {total} in {window}" compiled into parts once;
 * rendering only concatenates. Placeholders are resolved at compile time, so a typo is a rule error.
 */
export function compileTemplate(
  text: string,
  resolve: (name: string) => TemplatePart | undefined,
  report: (message: string) => void,
): (values: readonly number[], view: TransferView, extra: Record<string, string>) => string {
  const parts: TemplatePart[] = []
  let last = 0
  for (const m of text.matchAll(/\{([a-zA-Z_][a-zA-Z0-9_.]*)\}/g)) {
    parts.push(text.slice(last, m.index))
    const part = resolve(m[1]!)
    if (part === undefined) report(`unknown placeholder "{${m[1]}}" in the reason`)
    else parts.push(part)
    last = m.index + m[0].length
  }
  parts.push(text.slice(last))
  return (values, view, extra) => {
    let out = ''
    for (const p of parts) out += typeof p === 'string' ? p : p(values, view, extra)
    // an empty field leaves a double space behind
    return out.includes('  ') ? out.replace(/ {2,}/g, ' ') : out
  }
}
