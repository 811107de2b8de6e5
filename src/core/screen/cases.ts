import { caseId } from './case-id.ts'
import { MAX_CASE_EVIDENCE, MAX_CASE_TRANSFERS, type Case } from './case-schema.ts'
import type { Verdict } from './verdict.ts'

export type { Case } from './case-schema.ts'

/** Rolls review and block verdicts up by the entities their hits name. */
export class CaseBook {
  private readonly cases = new Map<string, Case>()
  // each case's evidence ids as a set, to add each once
  private readonly evidence = new Map<string, Set<string>>()

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
      const addEvidence = (id: string) => {
        if (c.evidence.length < MAX_CASE_EVIDENCE && !evidence.has(id)) {
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
      if (c.transfers.length < MAX_CASE_TRANSFERS) c.transfers.push(verdict.id)
      if (timestamp < c.firstSeen) c.firstSeen = timestamp
      if (timestamp > c.lastSeen) c.lastSeen = timestamp
    }
  }

  /** cases, highest total score first */
  list(): Case[] {
    return [...this.cases.values()].sort((a, b) => b.score - a.score || a.entity.localeCompare(b.entity))
  }

  get size(): number {
    return this.cases.size
  }
}
