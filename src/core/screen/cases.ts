import { MAX_CASE_TRANSFERS, type Case } from './case-schema.ts'
import type { Verdict } from './verdict.ts'

export type { Case } from './case-schema.ts'

/** Rolls review and block verdicts up by the entities their hits name. */
export class CaseBook {
  private readonly cases = new Map<string, Case>()

  add(verdict: Verdict, timestamp: string, fallbackEntity: string): void {
    if (verdict.decision === 'clear') return
    const entities = new Set<string>()
    for (const h of verdict.hits) entities.add(h.evidence.entity ?? fallbackEntity)
    for (const entity of entities) {
      let c = this.cases.get(entity)
      if (!c) {
        c = { entity, rules: [], typologies: [], alerts: 0, score: 0, maxScore: 0, decision: 'review', transfers: [], firstSeen: timestamp, lastSeen: timestamp }
        this.cases.set(entity, c)
      }
      c.alerts++
      c.score += verdict.score
      c.maxScore = Math.max(c.maxScore, verdict.score)
      if (verdict.decision === 'block') c.decision = 'block'
      for (const h of verdict.hits) {
        if ((h.evidence.entity ?? fallbackEntity) !== entity) continue
        if (!c.rules.includes(h.rule)) c.rules.push(h.rule)
        if (!c.typologies.includes(h.typology)) c.typologies.push(h.typology)
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
