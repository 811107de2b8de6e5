import { Decimal } from 'decimal.js'
import { describe, expect, it } from 'vitest'
import { baseConverter, formatMinor } from '../../src/core/money/convert.ts'

describe('base currency conversion', () => {
  const toBase = baseConverter('USD', { EUR: '1.08', JPY: '0.0067', BTC: '60000', XAU: '2345.123456789' })

  it('is exact and rounds half-even once, like the Decimal reference, on fast and slow paths', () => {
    const cases: [string, string][] = [
      ['1234.56', 'USD'], ['0.01', 'EUR'], ['0.05', 'EUR'], ['1.25', 'EUR'], ['12345678.99', 'EUR'], ['250', 'JPY'],
      ['0.12345678', 'BTC'], ['0.5', 'BTC'], ['99999999999.99', 'EUR'], ['3.3', 'XAU'], ['7', 'USD'], ['0.015', 'USD'],
    ]
    const rates: Record<string, string> = { USD: '1', EUR: '1.08', JPY: '0.0067', BTC: '60000', XAU: '2345.123456789' }
    for (const [amount, currency] of cases) {
      const expected = new Decimal(amount).times(rates[currency]!).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber()
      expect(toBase(amount, currency), `${amount} ${currency}`).toBe(expected)
    }
  })

  it('sums of many small amounts stay exact in minor units', () => {
    let total = 0
    for (let i = 0; i < 1000; i++) total += toBase('0.10', 'USD')!
    expect(total).toBe(10_000)
    expect(formatMinor(total, 'USD')).toBe('USD 100.00')
  })

  it('writes amounts for reasons with thousands grouped, as en-US does', () => {
    expect(formatMinor(0, 'USD')).toBe('USD 0.00')
    expect(formatMinor(5, 'USD')).toBe('USD 0.05')
    expect(formatMinor(99_999, 'EUR')).toBe('EUR 999.99')
    expect(formatMinor(100_000, 'EUR')).toBe('EUR 1,000.00')
    expect(formatMinor(123_456_789, 'USD')).toBe('USD 1,234,567.89')
    expect(formatMinor(-1_234_567_800, 'USD')).toBe('-USD 12,345,678.00')
    expect(formatMinor(9_999_999_999_999_99, 'USD')).toBe('USD 9,999,999,999,999.99')
  })

  it('has no answer for a currency without a rate', () => {
    expect(toBase('1', 'XYZ')).toBeUndefined()
  })
})
