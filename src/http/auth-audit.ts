import { audit } from '../store/audit.ts'
import type { Db } from '../store/db.ts'

/** failed authentications written to the audit log per second at most; the rest are counted in the next entry */
const PER_SECOND = 20

/**
 * Failed authentication (unknown, revoked or expired key: `auth.failed`; a key without the role:
 * `auth.forbidden`) goes to the audit log beside the request, not before its answer, and at most `PER_SECOND`
 * entries a second, so a flood of bad keys cannot turn into a flood of writes: the entries left out are
 * counted in the next one written (`details.suppressed`). Only the key's public prefix is kept, never the secret.
 */
export class AuthFailureAudit {
  #second = 0
  #written = 0
  #suppressed = 0

  record(db: Db, now: number, entry: { actor: string; action: 'auth.failed' | 'auth.forbidden'; target: string; details: Record<string, unknown> }): void {
    const second = Math.floor(now / 1000)
    if (second !== this.#second) {
      this.#second = second
      this.#written = 0
    }
    if (this.#written >= PER_SECOND) {
      this.#suppressed++
      return
    }
    this.#written++
    const suppressed = this.#suppressed
    this.#suppressed = 0
    audit(db, { ...entry, details: { ...entry.details, ...(suppressed > 0 && { suppressed }) } }).catch(() => {
      // the database is down: the request's own answer says so; the count carries over
      this.#suppressed += suppressed + 1
    })
  }
}

/** The key's public part (`txs_<id>`), or what was presented cut short, for the audit log. */
export function presentedPrefix(presented: string | undefined): string {
  if (!presented) return '(none)'
  const m = /^(txs_[0-9a-f]{1,32})(_|$)/.exec(presented)
  return m ? m[1]! : `${presented.slice(0, 4)}…`
}
