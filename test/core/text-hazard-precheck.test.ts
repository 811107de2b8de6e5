import { describe, expect, it } from 'vitest'
import { hasTextHazard, jsonMayHoldTextHazard } from '../../src/core/record/text-hazards.ts'

describe('jsonMayHoldTextHazard', () => {
  it('is true for the JSON of any value whose strings hold a NUL or an unpaired surrogate, raw or escaped', () => {
    const alphabet = ['a', ' ', '\\', '"', 'u', '0', '\u0000', '\ud800', '\udc00', '😀', 'é', '\n']
    let seed = 5
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
    let hazards = 0
    for (let n = 0; n < 20000; n++) {
      let text = ''
      const length = Math.floor(random() * 6)
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)]
      const json = JSON.stringify({ id: 'x', sender: { name: text } })
      if (hasTextHazard(text)) {
        hazards++
        expect(jsonMayHoldTextHazard(json), JSON.stringify(json)).toBe(true)
        // the same text written raw into the line (not escaped), as a JavaScript string can hold it
        expect(jsonMayHoldTextHazard(`{"name":"${text.replace(/["\\\n]/g, '')}"}`) || !hasTextHazard(text.replace(/["\\\n]/g, ''))).toBe(true)
      }
    }
    expect(hazards).toBeGreaterThan(1000)
  })

  it('is false for a plain line, so its record is not searched field by field', () => {
    expect(jsonMayHoldTextHazard('{"id":"t1","sender":{"id":"a","name":"Zoë Ünal"},"reference":"inv 12"}')).toBe(false)
    expect(jsonMayHoldTextHazard('{"id":"t1","reference":"caf\\u00e9"}')).toBe(true)
  })
})
