import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// src/core runs on Node, Workers and in the browser: only ES, web-standard APIs and these pure packages
const ALLOWED_PACKAGES = new Set(['zod', 'yaml', 'decimal.js', 'any-ascii', 'fast-levenshtein', 'saxes'])
const SRC = join(import.meta.dirname, '../../src')
const CORE = join(SRC, 'core')

/**
 * The parts of src and the parts each may import (docs/architecture.md): the core imports nothing outside
 * itself, the store only the core, the service the store, HTTP the service, and only the entry points
 * (adapters, cli) reach further. A new folder under src needs its line here.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  core: [],
  store: ['core'],
  service: ['core', 'store', 'eval'],
  http: ['core', 'store', 'service'],
  adapters: ['core', 'store', 'service', 'http', 'lists', 'rules-fs.ts'],
  batch: ['core'],
  eval: ['core'],
  gen: ['core', 'lists'],
  importers: ['core', 'gen'],
  lists: ['core'],
  'rules-fs.ts': ['core'],
  cli: ['core', 'store', 'adapters', 'batch', 'eval', 'gen', 'importers', 'lists', 'rules-fs.ts'],
}

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => (f.endsWith('.ts') || f.endsWith('.mjs')) && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f))
}

function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!)
}

/** the part of src a file belongs to: its first folder under src, or the file itself at the top */
function partOf(file: string): string {
  return relative(SRC, file).split(/[\\/]/)[0]!
}

describe('runtime-agnostic core', () => {
  const files = sources(CORE)
  it('has source files to check', () => expect(files.length).toBeGreaterThan(10))

  it.each(files.map((f) => [f.slice(CORE.length + 1), f]))('%s imports only relative modules and pure packages', (_name, file) => {
    const text = readFileSync(file, 'utf8')
    for (const s of specifiers(text)) {
      if (s.startsWith('.')) continue
      expect(ALLOWED_PACKAGES.has(s), `${file} imports "${s}"`).toBe(true)
    }
    expect(text).not.toMatch(/\bprocess\.|\bBuffer\b|(^|[^.\w])require\(|\beval\(|new Function\(/)
  })
})

describe('import direction between the parts of src', () => {
  const files = sources(SRC)

  it('places every part of src', () => {
    const parts = new Set(files.map(partOf))
    expect([...parts].filter((p) => !(p in MAY_IMPORT)), 'parts missing from MAY_IMPORT').toEqual([])
  })

  it.each(files.map((f) => [relative(SRC, f), f]))('%s imports only the parts its own may', (_name, file) => {
    const from = partOf(file)
    const allowed = new Set([from, ...(MAY_IMPORT[from] ?? [])])
    for (const s of specifiers(readFileSync(file, 'utf8'))) {
      if (!s.startsWith('.')) continue
      const target = resolve(dirname(file), s)
      expect(target.startsWith(SRC + '/'), `${file} imports "${s}", outside src`).toBe(true)
      expect(allowed.has(partOf(target)), `${file} (${from}) imports "${s}" (${partOf(target)})`).toBe(true)
    }
  })
})
