/** Writing XML text: escaped character data and simple elements. */

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
}

/** `<tag>text</tag>`, the text escaped */
export const el = (tag: string, text: string): string => `<${tag}>${xmlEscape(text)}</${tag}>`

/** the element, or nothing when the text is absent */
export const optEl = (tag: string, text: string | undefined): string => (text === undefined ? '' : el(tag, text))
