// English number words up to 99, so "Brigade Forty-four" lines up with "Brigade 44"; "fourty" is a common spelling.
const UNITS = new Map<string, number>(Object.entries({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
}))
const TENS = new Map<string, number>(Object.entries({
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
}))

/** Replaces runs like ["forty", "four"] by ["44"]; other tokens pass through. */
export function numberWordsToDigits(tokens: string[]): string[] {
  let out: string[] | null = null
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const tens = TENS.get(t)
    const unit = UNITS.get(t)
    if (tens === undefined && unit === undefined) {
      out?.push(t)
      continue
    }
    out ??= tokens.slice(0, i)
    const next = UNITS.get(tokens[i + 1] ?? '')
    if (tens !== undefined && next !== undefined && next > 0 && next < 10) {
      out.push(String(tens + next))
      i++
    } else out.push(String(tens ?? unit))
  }
  return out ?? tokens
}
