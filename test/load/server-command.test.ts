import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { serverNodeArgs } from '../../load/lib/server-command.ts'

// the benchmarks start a checkout's server with the node flags of its own `npm start`
describe('serverNodeArgs', () => {
  const dirs: string[] = []
  const checkout = (start: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'server-command-'))
    dirs.push(dir)
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { start } }))
    return dir
  }
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('takes the flags of `node [flags] --import tsx FILE`, extra flags first', () => {
    const root = checkout('node --max-semi-space-size=64 --import tsx src/adapters/node/server.ts')
    expect(serverNodeArgs(root, ['--cpu-prof'])).toEqual(['--cpu-prof', '--max-semi-space-size=64', '--import', 'tsx', join(root, 'src/adapters/node/server.ts')])
  })

  it('runs an older checkout\'s `tsx FILE` as node with tsx\'s loader and no flags', () => {
    const root = checkout('tsx src/adapters/node/server.ts')
    expect(serverNodeArgs(root)).toEqual(['--import', 'tsx', join(root, 'src/adapters/node/server.ts')])
  })

  it('refuses a start script it cannot read', () => {
    expect(() => serverNodeArgs(checkout('docker compose up'))).toThrow(/start script/)
  })

  it('reads this checkout\'s own start script', () => {
    const args = serverNodeArgs(new URL('../..', import.meta.url).pathname)
    expect(args.slice(-3)).toEqual(['--import', 'tsx', join(new URL('../..', import.meta.url).pathname, 'src/adapters/node/server.ts')])
  })
})
