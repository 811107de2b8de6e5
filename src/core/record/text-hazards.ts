/**
 * NUL characters and unpaired UTF-16 surrogates are legal in a JavaScript string and in JSON text, but PostgreSQL
 * refuses both (text and jsonb), and an unpaired surrogate has no UTF-8 form at all. Records that carry one are
 * refused at the field; text that only reports on bad input (an error line's id or message) is made safe instead.
 */

const HAZARD = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const HAZARDS = new RegExp(HAZARD.source, 'g')

export const TEXT_HAZARD_MESSAGE = 'text must not contain NUL characters or unpaired surrogates (U+D800 to U+DFFF)'

/**
 * What JSON text must hold for a string parsed from it to hold a hazard: a NUL, any surrogate, or an escape
 * (`\u0000`, `\ud800`). A line without any of them cannot give a record with a hazard, and is not searched
 * field by field.
 */
const MAYBE_HAZARD_IN_JSON = /[\u0000\ud800-\udfff]|\\u/

/** false when no string parsed from the JSON text `json` can hold a NUL or an unpaired surrogate */
export function jsonMayHoldTextHazard(json: string): boolean {
  return MAYBE_HAZARD_IN_JSON.test(json)
}

/** Whether `text` holds a NUL or an unpaired surrogate. */
export function hasTextHazard(text: string): boolean {
  return HAZARD.test(text)
}

/** `text` with each NUL or unpaired surrogate replaced by U+FFFD. */
export function withoutTextHazards(text: string): string {
  return HAZARD.test(text) ? text.replace(HAZARDS, '\ufffd') : text
}

/**
 * The path of the first string in a validated record, or one level into its objects (parties, location, device;
 * also fields the schema ignores), that holds a hazard; undefined when there is none.
 */
export function textHazardPath(record: Record<string, unknown>): string | undefined {
  for (const key in record) {
    const v = record[key]
    if (typeof v === 'string') {
      if (HAZARD.test(v)) return key
    } else if (typeof v === 'object' && v !== null) {
      const inner = v as Record<string, unknown>
      for (const k in inner) {
        const w = inner[k]
        if (typeof w === 'string' && HAZARD.test(w)) return `${key}.${k}`
      }
    }
  }
  return undefined
}
