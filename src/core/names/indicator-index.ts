import { normaliseIndicator } from './normalize-indicator.ts'
import type { Indicator, IndicatorIndex } from './types.ts'

/** Exact lookup of normalised indicators: a phone written "+44 20 7946 0000" finds "00442079460000". */
export function buildIndicatorIndex(indicators: Indicator[]): IndicatorIndex {
  const byKey = new Map<string, Indicator[]>()
  for (const indicator of indicators) {
    const value = normaliseIndicator(indicator.type, indicator.value)
    if (value === '') continue
    const key = `${indicator.type}:${value}`
    const list = byKey.get(key)
    if (list) list.push(indicator)
    else byKey.set(key, [indicator])
  }
  return {
    size: indicators.length,
    lookup(type, rawValue) {
      const value = normaliseIndicator(type, rawValue)
      return value === '' ? [] : (byKey.get(`${type}:${value}`) ?? [])
    },
  }
}
