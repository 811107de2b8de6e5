/**
 * True when `a` and `b` differ by at most one edit: a letter changed, added, dropped, or two neighbours swapped
 * (a slip of the pen). Linear, no table: used to let a lexicon word match its misspellings.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  const la = a.length
  const lb = b.length
  if (Math.abs(la - lb) > 1) return false
  let i = 0
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++
  if (la === lb) {
    // one substitution, or a swap of i and i + 1
    if (a.slice(i + 1) === b.slice(i + 1)) return true
    return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2)
  }
  // one letter more in the longer one, at i
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}
