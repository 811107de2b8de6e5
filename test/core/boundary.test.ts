import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// src/core runs on Node, Workers and in the browser: only ES, web-standard APIs and these pure packages
const ALLOWED_PACKAGES = new Set(['zod', 'yaml', 'decimal.js', 'any-ascii', 'fast-levenshtein'])
const CORE = join(import.meta.dirname, '../../src/core')

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f))
}

describe('runtime-agnostic core', () => {
  const files = sources(CORE)
  it('has source files to check', () => expect(files.length).toBeGreaterThan(10))

  it.each(files.map((f) => [f.slice(CORE.length + 1), f]))('%s imports only relative modules and pure packages', (_name, file) => {
    const text = readFileSync(file, 'utf8')
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!)
    for (const s of specifiers) {
      if (s.startsWith('.')) continue
      expect(ALLOWED_PACKAGES.has(s), `${file} imports "${s}"`).toBe(true)
    }
    expect(text).not.toMatch(/\bprocess\.|\bBuffer\b|(^|[^.\w])require\(|\beval\(|new Function\(/)
  })
})
