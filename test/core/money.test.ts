import { describe, expect, it } from 'vitest'
import { baseConverter, formatMinor } from '../../src/core/money/convert.ts'

describe('base currency conversion', () => {
  const toBase = baseConverter('USD', { EUR: '1.08', JPY: '0.0067', BTC: '60000', XAU: '2345.123456789' })

  it('is exact and rounds half-even once, on fast and slow paths', () => {
    // amount × rate in minor units, worked out by hand, then rounded half to even once
    const cases: [string, string, number][] = [
      ['1234.56', 'USD', 123456],
      ['0.01', 'EUR', 1], // 1.08 cents
      ['0.05', 'EUR', 5], // 5.4
      ['1.25', 'EUR', 135], // 135 exactly
      ['12345678.99', 'EUR', 1333333331], // 13,333,333.3092 → 1,333,333,330.92 cents
      ['250', 'JPY', 168], // 167.5 cents: half to the even 168
      ['0.12345678', 'BTC', 740741], // 7,407.4068 → 740,740.68 cents
      ['0.5', 'BTC', 3000000],
      ['99999999999.99', 'EUR', 10799999999999], // 107,999,999,999.9892 → ...998.92 cents
      ['3.3', 'XAU', 773891], // 7,738.9074074037 → 773,890.74074037 cents
      ['7', 'USD', 700],
      ['0.015', 'USD', 2], // 1.5 cents: half to the even 2
      ['0.025', 'USD', 2], // 2.5 cents: half to the even 2
    ]
    for (const [amount, currency, minor] of cases) expect([amount, currency, toBase(amount, currency)]).toEqual([amount, currency, minor])
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
