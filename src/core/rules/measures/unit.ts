import { formatMinor, MINOR_PER_MAJOR } from '../../money/convert.ts'

/** What a measure's value is, for reasons: how `{measure}` is written. */
export type MeasureUnit = 'money' | 'count' | 'ratio' | 'days' | 'score' | 'number' | 'hops'

/** A measure value as a reason writes it. */
export function formatMeasure(value: number, unit: MeasureUnit, baseCurrency: string): string {
  switch (unit) {
    case 'money':
      return formatMinor(Math.round(value * MINOR_PER_MAJOR), baseCurrency)
    case 'ratio':
    case 'score':
      return value.toFixed(2)
    case 'days':
      return value >= 10 ? value.toFixed(0) : value.toFixed(1)
    case 'count':
    case 'number':
    case 'hops':
      return Number.isInteger(value) ? String(value) : value.toFixed(2)
    default:
      return unit satisfies never
  }
}
