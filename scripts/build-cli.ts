// Compiles src/ to JavaScript in dist/, one module per source file at the same place in the tree, so that
// bin/txscreen.js starts without tsx's loader compiling TypeScript at every start. Paths a module takes from
// import.meta.url (the default rules, worker entries) stay right because dist/ sits beside src/. Run by
// `npm ci` (the `prepare` script) and `npm run build`; bin/txscreen.js falls back to tsx while any source file is
// newer than the build, so an edit never runs stale code.
import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { build, type Plugin } from 'esbuild'
import { parseYamlSource } from '../src/core/rules/yaml-source.ts'
import { PARSED_RULES_CACHE } from '../src/rules-fs.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SRC = join(ROOT, 'src')
const DIST = join(ROOT, 'dist')
const STAMP = join(DIST, '.built')

const startedAt = new Date()
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).map((f) => join(SRC, f))
const modules = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))

// every import stays an import: relative ones of `x.ts` become `x.js`, packages resolve from node_modules at run time
const keepImports: Plugin = {
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined
      return { path: args.path.startsWith('.') ? args.path.replace(/\.ts$/, '.js') : args.path, external: true }
    })
  },
}

rmSync(DIST, { recursive: true, force: true })
await build({
  entryPoints: modules,
  outdir: DIST,
  outbase: SRC,
  bundle: true,
  plugins: [keepImports],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
})

// a worker entry (`*-entry.mjs`) registers tsx and imports its TypeScript module; compiled, it imports the module
for (const entry of files.filter((f) => f.endsWith('-entry.mjs'))) {
  const target = /import\('(\.\/[^']+)\.ts'\)/.exec(readFileSync(entry, 'utf8'))?.[1]
  if (!target) throw new Error(`${relative(ROOT, entry)}: no import('./….ts') to compile`)
  const out = join(DIST, relative(SRC, entry))
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `// compiled from ${relative(ROOT, entry)} by scripts/build-cli.ts\nawait import('${target}.js')\n`)
}

// the shipped rule files' parsed values by their text (src/rules-fs.ts, parsedRuleCache), where JSON keeps them exactly
const RULES = join(ROOT, 'rules')
const parsed: [string, unknown][] = []
for (const file of readdirSync(RULES, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/i.test(f)).sort()) {
  const text = readFileSync(join(RULES, file), 'utf8')
  const { value, issues } = parseYamlSource({ path: file, text })
  if (issues.length === 0 && value !== undefined && isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value)) parsed.push([text, value])
}
writeFileSync(PARSED_RULES_CACHE, JSON.stringify(parsed))

// the build is as new as the sources were when it started
writeFileSync(STAMP, '')
utimesSync(STAMP, startedAt, startedAt)
process.stderr.write(`cli: ${modules.length} modules compiled to dist/, ${parsed.length} rule files parsed\n`)
