import { csvExport } from './csv-export.ts'

/** Cases as CSV: one row per case, highest score first, each list (rules, typologies, transfer ids) in one cell. */
export const csvCases = csvExport('cases', {
  id: true, entity: true, decision: true, score: true, maxScore: true, alerts: true, rules: true, typologies: true, transfers: true, evidence: true, firstSeen: true, lastSeen: true,
})
