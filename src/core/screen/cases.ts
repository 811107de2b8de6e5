import { caseId } from './case-id.ts'
import { MAX_CASE_EVIDENCE, MAX_CASE_TRANSFERS, type Case } from './case-schema.ts'
import type { Verdict } from './verdict.ts'

export type { Case } from './case-schema.ts'

/** Rolls review and block verdicts up by the entities their hits name. */
export class CaseBook {
  private readonly cases = new Map<string, Case>()
  // each case's evidence ids as a set, to add each once
  private readonly evidence = new Map<string, Set<string>>()
  // entities whose case was resumed without its lists: they hold only the ids added since, uncapped
  private readonly appended = new Set<string>()

  /** `scope` goes into every case id: the service's batch id, so two batches of one file keep apart */
  constructor(private readonly scope = '') {}

  add(verdict: Verdict, timestamp: string, fallbackEntity: string): void {
    if (verdict.decision === 'clear') return
    const entities = new Set<string>()
    for (const h of verdict.hits) entities.add(h.evidence.entity ?? fallbackEntity)
    for (const entity of entities) {
      let c = this.cases.get(entity)
      if (!c) {
        c = {
          id: caseId(this.scope, entity, verdict.id), entity, rules: [], typologies: [], alerts: 0, score: 0, maxScore: 0,
          decision: 'review', transfers: [], evidence: [], firstSeen: timestamp, lastSeen: timestamp,
        }
        this.cases.set(entity, c)
        this.evidence.set(entity, new Set())
      }
      c.alerts++
      c.score += verdict.score
      c.maxScore = Math.max(c.maxScore, verdict.score)
      if (verdict.decision === 'block') c.decision = 'block'
      const evidence = this.evidence.get(entity)!
      const capped = !this.appended.has(entity)
      const addEvidence = (id: string) => {
        if ((!capped || c.evidence.length < MAX_CASE_EVIDENCE) && !evidence.has(id)) {
          evidence.add(id)
          c.evidence.push(id)
        }
      }
      addEvidence(verdict.id)
      for (const h of verdict.hits) {
        if ((h.evidence.entity ?? fallbackEntity) !== entity) continue
        if (!c.rules.includes(h.rule)) c.rules.push(h.rule)
        if (!c.typologies.includes(h.typology)) c.typologies.push(h.typology)
        for (const id of h.evidence.transfers) addEvidence(id)
      }
      if (!capped || c.transfers.length < MAX_CASE_TRANSFERS) c.transfers.push(verdict.id)
      if (timestamp < c.firstSeen) c.firstSeen = timestamp
      if (timestamp > c.lastSeen) c.lastSeen = timestamp
    }
  }

  /** takes up a case built before (a stored real-time case) so that later verdicts add to it */
  resume(c: Case): void {
    this.appended.delete(c.entity)
    const copy = { ...c, rules: [...c.rules], typologies: [...c.typologies], transfers: [...c.transfers], evidence: [...c.evidence] }
    this.cases.set(c.entity, copy)
    this.evidence.set(c.entity, new Set(copy.evidence))
  }

  /**
   * Takes up a stored case without its transfer and evidence lists, which stay in the store: later verdicts add
   * to its counts, score and rules as `resume` does, and its `transfers` and `evidence` in `list()` are only the
   * ids they add (each evidence id once, not capped), for the store to append to its lists (dropping evidence ids
   * it holds already, then capping both as `add` does).
   */
  resumeWithoutLists(c: Omit<Case, 'transfers' | 'evidence'>): void {
    this.cases.set(c.entity, { ...c, rules: [...c.rules], typologies: [...c.typologies], transfers: [], evidence: [] })
    this.evidence.set(c.entity, new Set())
    this.appended.add(c.entity)
  }

  /** whether the entity's case in `list()` holds only what was added to a case resumed without its lists */
  appends(entity: string): boolean {
    return this.appended.has(entity)
  }

  /** cases, highest total score first */
  list(): Case[] {
    return [...this.cases.values()].sort((a, b) => b.score - a.score || a.entity.localeCompare(b.entity))
  }

  get size(): number {
    return this.cases.size
  }
}
