import { describe, expect, it } from 'vitest'
import { parseCsvLine } from '../../src/core/io/csv-line.ts'

describe('parseCsvLine', () => {
  it('splits plain fields, keeping empty ones', () => {
    expect(parseCsvLine('a,b,,d,')).toEqual(['a', 'b', '', 'd', ''])
    expect(parseCsvLine('')).toEqual([''])
  })
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsvLine('36,"AEROCARIBBEAN, ""AIR""",-0- ')).toEqual(['36', 'AEROCARIBBEAN, "AIR"', '-0- '])
    expect(parseCsvLine('"a\nb",c')).toEqual(['a\nb', 'c'])
    expect(parseCsvLine('"",x')).toEqual(['', 'x'])
    expect(parseCsvLine('x,""')).toEqual(['x', ''])
  })
  it('drops the CR of CRLF input', () => {
    expect(parseCsvLine('a,b\r')).toEqual(['a', 'b'])
    expect(parseCsvLine('a,"b"\r')).toEqual(['a', 'b'])
  })
  it('returns null on an unterminated quote', () => {
    expect(parseCsvLine('a,"b')).toBeNull()
    expect(parseCsvLine('"a""')).toBeNull()
  })
})
