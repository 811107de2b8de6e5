import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { RuleSource } from './core/index.ts'

/** The default rule pack shipped with txscreen. */
export const DEFAULT_RULES_DIR = new URL('../rules/default/', import.meta.url).pathname

/** Where `npm run build` keeps the shipped rule files' parsed values (scripts/build-cli.ts). */
export const PARSED_RULES_CACHE = new URL('../dist/rules-parsed.json', import.meta.url)

/**
 * The values of rule files as parsed at build time, by their exact text, for `CompileOptions.parsed`: parsing the
 * YAML of the default pack is about a third of the CLI's start. Empty without a build; an edited file misses it.
 */
export async function parsedRuleCache(): Promise<Map<string, unknown>> {
  try {
    return new Map(JSON.parse(await readFile(PARSED_RULES_CACHE, 'utf8')) as [string, unknown][])
  } catch {
    return new Map()
  }
}

/** Every .yaml/.yml file under `dir` (recursively), in a stable order, named relative to the working directory. */
export async function readRuleSources(dir: string = DEFAULT_RULES_DIR): Promise<RuleSource[]> {
  const files = (await readdir(dir, { recursive: true })).filter((f) => /\.ya?ml$/i.test(f)).sort()
  return Promise.all(
    files.map(async (f) => {
      const full = join(dir, f)
      const rel = relative(process.cwd(), full)
      return { path: rel && !rel.startsWith('..') ? rel : full, text: await readFile(full, 'utf8') }
    }),
  )
}
