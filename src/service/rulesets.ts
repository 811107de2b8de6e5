import { compileRulesetYielding, formatRuleIssue, systemClock, type Clock, type CompiledRuleset, type RuleIssue, type RuleSource } from '../core/index.ts'
import { audit } from '../store/audit.ts'
import type { Db, Executor } from '../store/db.ts'
import { sql } from 'kysely'
import { activateRuleset, activeRulesetVersion, approversSinceActivation, getRulesetFiles, saveRulesetVersion } from '../store/rulesets.ts'
import { NoActiveRulesetError, StoredRulesetBrokenError } from './errors.ts'

export type PublishResult =
  | { ok: true; version: string; created: boolean; activated: boolean; approval?: Approval }
  | { ok: false; issues: RuleIssue[] }

/** Who asks for an activation, and how many distinct keys must (TXSCREEN_ACTIVATION_APPROVALS). */
export interface Approver {
  keyId: string
  needed: number
}

/** Where an activation that needs several keys stands. */
export interface Approval {
  activated: boolean
  approvals: number
  needed: number
}

/** serialises approvals, so two keys approving at once cannot both see one approval */
const APPROVAL_LOCK = 7_470_120

/**
 * Rule sets by version. Versions are immutable content hashes, so a compiled version can be cached
 * forever. `active` reads the "active" pointer from the database each time, which is what lets an
 * activation in one process take effect in all of them at once; `knownActiveVersion` answers from memory
 * for the in-memory real-time state, which follows other processes' activations within a second.
 */
export class RulesetService {
  readonly #compiled = new Map<string, Promise<CompiledRuleset>>()
  /** the active pointer as last read or set by this process, and when */
  #pointer: { version: string | undefined; at: number } | undefined
  #reading: Promise<string | undefined> | undefined

  /** times the pointer's reads, for `knownActiveVersion`'s staleness */
  readonly #clock: Clock

  constructor(clock: Clock = systemClock) {
    this.#clock = clock
  }

  /** The compiled active rule set; throws NoActiveRulesetError when none is active. */
  async active(db: Executor): Promise<CompiledRuleset> {
    const version = await this.activeVersion(db)
    if (!version) throw new NoActiveRulesetError()
    return this.compiled(db, version)
  }

  /** Reads the active pointer from the database (and remembers it for `knownActiveVersion`). */
  async activeVersion(db: Executor): Promise<string | undefined> {
    const at = this.#clock.now()
    const version = await activeRulesetVersion(db)
    // a read that started before an activation in this process must not put the old version back
    if (!this.#pointer || this.#pointer.at <= at) this.#pointer = { version, at }
    return version
  }

  /**
   * The active version as this process last knew it, without waiting on the database: activations through
   * this process show at once, activations by other processes within `maxAgeMs` (a read is started in the
   * background when the value is older). Undefined until the pointer has been read once.
   */
  knownActiveVersion(db: Executor, maxAgeMs: number): string | undefined {
    const pointer = this.#pointer
    if ((!pointer || this.#clock.now() - pointer.at > maxAgeMs) && !this.#reading) {
      this.#reading = this.activeVersion(db)
      this.#reading.then(
        () => (this.#reading = undefined),
        () => (this.#reading = undefined),
      )
    }
    return pointer?.version
  }

  async compiled(db: Executor, version: string): Promise<CompiledRuleset> {
    let pending = this.#compiled.get(version)
    if (!pending) {
      pending = this.#compile(db, version)
      this.#compiled.set(version, pending)
      pending.catch(() => this.#compiled.delete(version))
    }
    return pending
  }

  async #compile(db: Executor, version: string): Promise<CompiledRuleset> {
    const files = await getRulesetFiles(db, version)
    if (!files) throw new StoredRulesetBrokenError(version, 'no such version')
    const result = await compileRulesetYielding(files)
    if (!result.ok) throw new StoredRulesetBrokenError(version, result.issues.map(formatRuleIssue).join('; '))
    return result.ruleset
  }

  /** Validates and stores rule files as a version (a no-op if that content exists), optionally activating it. */
  async publish(db: Db, files: RuleSource[], options: { actor: string; activate: boolean; approver?: Approver }): Promise<PublishResult> {
    // compiled a slice at a time, so real-time calls are answered while a large rule set compiles
    const result = await compileRulesetYielding(files)
    if (!result.ok) return { ok: false, issues: result.issues }
    const { ruleset } = result
    this.#compiled.set(ruleset.version, Promise.resolve(ruleset))
    const approver = options.activate && options.approver && options.approver.needed > 1 ? options.approver : undefined
    let approval: Approval | undefined
    const created = await db.transaction().execute(async (tx) => {
      const saved = await saveRulesetVersion(tx, {
        version: ruleset.version,
        files,
        maxWindowMs: ruleset.maxWindowMs,
        createdBy: options.actor,
      })
      if (saved.created) {
        await audit(tx, { actor: options.actor, action: 'ruleset.publish', target: ruleset.version, details: { files: files.map((f) => f.path) } })
      }
      if (approver) approval = await this.#approve(tx, ruleset.version, options.actor, approver)
      else if (options.activate) await this.#activate(tx, ruleset.version, options.actor)
      return saved.created
    })
    const activated = approval ? approval.activated : options.activate
    if (activated) this.#pointer = { version: ruleset.version, at: this.#clock.now() }
    return { ok: true, version: ruleset.version, created, activated, ...(approval && { approval }) }
  }

  /**
   * Records `approver`'s approval of activating a stored version and activates it once `approver.needed` distinct
   * keys have approved since it was last active; undefined when there is no such version.
   */
  async approve(db: Db, version: string, actor: string, approver: Approver): Promise<Approval | undefined> {
    if (approver.needed <= 1) return (await this.activate(db, version, actor)) ? { activated: true, approvals: 1, needed: 1 } : undefined
    if (!(await getRulesetFiles(db, version))) return undefined
    await this.compiled(db, version)
    const approval = await db.transaction().execute((tx) => this.#approve(tx, version, actor, approver))
    if (approval.activated) this.#pointer = { version, at: this.#clock.now() }
    return approval
  }

  async #approve(tx: Executor, version: string, actor: string, approver: Approver): Promise<Approval> {
    await sql`select pg_advisory_xact_lock(${APPROVAL_LOCK})`.execute(tx)
    await audit(tx, { actor, action: 'ruleset.approve', target: version, details: { keyId: approver.keyId } })
    const approvals = (await approversSinceActivation(tx, version)).length
    const activated = approvals >= approver.needed
    if (activated) await this.#activate(tx, version, actor)
    return { activated, approvals, needed: approver.needed }
  }

  /** Switches the active pointer; false when the version does not exist. */
  async activate(db: Db, version: string, actor: string): Promise<boolean> {
    // compile first: a version that no longer compiles must not become active
    if (!(await getRulesetFiles(db, version))) return false
    await this.compiled(db, version)
    await db.transaction().execute((tx) => this.#activate(tx, version, actor))
    // committed: later calls in this process use the new version at once
    this.#pointer = { version, at: this.#clock.now() }
    return true
  }

  async #activate(db: Executor, version: string, actor: string): Promise<void> {
    const previous = await activeRulesetVersion(db)
    await activateRuleset(db, version, actor, this.#clock.now())
    await audit(db, { actor, action: 'ruleset.activate', target: version, details: { previous: previous ?? null } })
  }
}
