import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { RuleSource } from './core/index.ts'

/** The default rule pack shipped with txscreen. */
export const DEFAULT_RULES_DIR = new URL('../rules/default/', import.meta.url).pathname

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
