import { describe, expect, it } from 'vitest'
import { formatDuration, parseDuration } from '../../src/core/rules/duration.ts'

describe('durations', () => {
  it('writes milliseconds back as a rule file would, in the largest whole unit', () => {
    for (const text of ['1h', '1d', '30d', '2w', '90m', '45s']) expect(formatDuration(parseDuration(text)!)).toBe(text)
    expect(formatDuration(parseDuration('48h')!)).toBe('2d')
    expect(formatDuration(parseDuration('14d')!)).toBe('2w')
    expect(formatDuration(1500)).toBe('1500ms')
    expect(formatDuration(0)).toBe('0ms')
  })
})
