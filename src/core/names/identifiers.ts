/** An identifier as lists and payments write it: upper case, no separators, "IMO" before an IMO number dropped. */
export function normaliseIdentifier(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/^IMO(?=\d{7}$)/, '')
}

/** A shared identifier is stronger evidence than any name: the score it gives at least. */
export const IDENTIFIER_MATCH = 0.95
