import { codeWordMemo } from './memo-variants.ts'
import type { Rng } from './prng.ts'

/**
 * Payment references. Innocent memos deliberately reuse the words a naive lexicon rule would look for (trip,
 * boat, travel, passage, viaje, rihla...), in several languages, so that a memo match alone cannot be evidence.
 */
const INNOCENT = {
  p2p: [
    'dinner', 'trip money', 'boat trip share', 'holiday', 'travel', 'rent share', 'school trip', 'gift', 'thanks!',
    'football tickets', 'concert', 'groceries', 'petrol', 'birthday', 'wedding gift', 'viaje', 'vacaciones',
    'para la renta', 'cena', 'Urlaub', 'Reise', 'Miete Anteil', 'voyage', 'vacances', 'loyer', 'viaggio', 'vacanze',
    'tatil', 'yolculuk', 'rihla', 'safar', 'boat hire weekend', 'ferry tickets', 'ski trip', 'camping', 'flight share',
    'taxi', 'barco pesca', 'family', 'uni books', '🚗 fuel', '⛵ sailing club', 'crossing fee ferry', 'passage booking ferry',
  ],
  remittance: [
    'family support', 'for mum', 'for dad', 'school fees', 'medicine', 'Eid', 'Eid gift', 'Ramadan', 'Navidad',
    'para la familia', 'para mama', 'colegiatura', 'ayuda', 'gastos', 'family', 'house repair', 'wedding', 'travel',
    'trip home', 'ticket home', 'holiday visit', 'zakat', 'boat engine repair', 'fishing boat', 'rent', 'university',
    'bo mamam', 'bo xezan', 'mesrefi', 'lil-usra', 'famille', 'aide famille', 'loyer maman', 'fees',
  ],
  rent: ['rent', 'RENT', 'rent flat 2', 'Miete', 'loyer', 'affitto', 'renta', 'monthly rent', 'rent + bills'],
  bill: ['direct debit', 'DD', 'monthly plan', 'account', 'invoice'],
  purchase: ['deposit car', 'car purchase', 'tuition', 'school fees term', 'boat deposit', 'holiday booking', 'travel package', 'furniture', 'invoice'],
  b2b: ['invoice', 'INV', 'stock', 'supplies', 'order', 'Rechnung', 'facture', 'fattura', 'factura'],
  savings: ['savings', 'to savings', 'rainy day', 'holiday fund', 'Sparen', 'epargne'],
} as const

export type MemoContext = keyof typeof INNOCENT

/** an innocent memo for the context, or nothing (most payments carry no free text) */
export function innocentMemo(rng: Rng, context: MemoContext, probability: number): string | undefined {
  return rng.chance(probability) ? rng.pick(INNOCENT[context]) : undefined
}

/** a smuggling code word for a reference inside a planted instance (src/gen/data/code-words.ts) */
export function smugglingMemo(rng: Rng): string {
  return codeWordMemo(rng)
}

const REF_MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

export function salaryReference(dayMs: number): string {
  const d = new Date(dayMs)
  return `SALARY ${REF_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}
