#!/usr/bin/env node
// Runs the compiled CLI in dist/ (scripts/build-cli.ts, run by `npm ci` and `npm run build`) when it is at least as
// new as every file under src/; otherwise the TypeScript itself through tsx's loader, so an edit never runs stale
// code and a checkout without a build still works. The compiled start saves the loader and its compiling.
import { readdirSync, statSync } from 'node:fs'

const src = new URL('../src/', import.meta.url)
const stamp = new URL('../dist/.built', import.meta.url)

function builtAfterSources() {
  let builtMs
  try {
    builtMs = statSync(stamp).mtimeMs
  } catch {
    return false
  }
  for (const file of readdirSync(src, { recursive: true })) {
    if (statSync(new URL(file, src)).mtimeMs > builtMs) return false
  }
  return true
}

if (builtAfterSources()) {
  await import('../dist/cli/main.js')
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}
