import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')

describe('txscreen rules schema', () => {
  it('matches the JSON Schema checked in for editors (regenerate with npm run rules:schema)', () => {
    const printed = execFileSync('node', [join(ROOT, 'bin/txscreen.js'), 'rules', 'schema'], { cwd: ROOT, encoding: 'utf8' })
    const schema = JSON.parse(printed)
    expect(schema.title).toBe('txscreen rule or ruleset file')
    expect(printed).toBe(readFileSync(join(ROOT, 'rules/rule-file.schema.json'), 'utf8'))
  })
})
