/**
 * True when `a` and `b` differ by at most one edit: a letter changed, added, dropped, or two neighbours swapped
 * (a slip of the pen). Linear, no table and no copies: the common start and the common end are skipped, and what
 * is left of each must be one letter (changed), one letter and nothing (added or dropped), or two letters swapped.
 * Used to let a lexicon word match its misspellings: a fuzzy term is tried against every word of a reference, so
 * this runs thousands of times on a reference of a dozen words, most pairs failing at once.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  const la = a.length
  const lb = b.length
  if (la - lb > 1 || lb - la > 1) return false
  let i = 0
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++
  // the common end, not reaching back into the common start: a[i, ea) and b[i, eb) are what differs
  let ea = la
  let eb = lb
  while (ea > i && eb > i && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) {
    ea--
    eb--
  }
  if (la === lb) {
    // one letter changed, or the two at i swapped
    const d = ea - i
    return d === 1 || (d === 2 && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i))
  }
  // one letter more in the longer one, at i: nothing of the shorter one is left
  return la > lb ? eb === i : ea === i
}
