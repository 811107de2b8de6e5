/** An element's content: text, child elements (in schema order; undefined children are left out), or nothing. */
export type XmlContent = string | number | readonly (string | undefined)[] | undefined

// characters XML 1.0 cannot hold at all: C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** text as element content: markup escaped, characters XML cannot carry replaced by U+FFFD */
export function escapeText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

/** `<name>content</name>`; nothing when the content is undefined (an optional element left out) */
export function el(name: string, content: XmlContent): string | undefined {
  if (content === undefined) return undefined
  const inner = typeof content === 'object' ? content.filter((c) => c !== undefined).join('') : escapeText(String(content))
  return `<${name}>${inner}</${name}>`
}

/** at most `max` characters (whole code points), for schema fields with a maximum length */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}
