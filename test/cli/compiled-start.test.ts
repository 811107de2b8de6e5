import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = new URL('../..', import.meta.url).pathname

// bin/txscreen.js in a tree of its own, whose compiled and TypeScript entries each say which one ran
const tree = mkdtempSync(join(tmpdir(), 'txscreen-start-'))
mkdirSync(join(tree, 'bin'))
mkdirSync(join(tree, 'src/cli'), { recursive: true })
mkdirSync(join(tree, 'dist/cli'), { recursive: true })
copyFileSync(join(ROOT, 'bin/txscreen.js'), join(tree, 'bin/txscreen.js'))
symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'))
writeFileSync(join(tree, 'package.json'), '{ "type": "module" }\n')
writeFileSync(join(tree, 'src/cli/main.ts'), "const ran: string = 'typescript'\nprocess.stdout.write(ran)\n")
writeFileSync(join(tree, 'dist/cli/main.js'), "process.stdout.write('compiled')\n")
const start = () => execFileSync('node', [join(tree, 'bin/txscreen.js')], { encoding: 'utf8' })
const at = (file: string, seconds: number) => utimesSync(join(tree, file), seconds, seconds)

afterAll(() => rmSync(tree, { recursive: true, force: true }))

describe('bin/txscreen.js', () => {
  it('runs the build while it is newer than every source file, else the TypeScript', () => {
    expect(start()).toBe('typescript') // no build
    writeFileSync(join(tree, 'dist/.built'), '')
    at('src/cli/main.ts', 1_000)
    at('src/cli', 1_000)
    at('src', 1_000)
    at('dist/.built', 2_000)
    expect(start()).toBe('compiled')
    at('src/cli/main.ts', 3_000) // an edit after the build
    expect(start()).toBe('typescript')
  }, 60_000)
})
