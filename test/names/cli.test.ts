import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { run } from '../../src/cli/commands/names.ts'
import { repoRoot } from './shared-data.ts'

const list = `csv:${path.join(repoRoot, 'fixtures/lists/sample-watchlist.csv')}`

function capture() {
  const out: string[] = []
  const err: string[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true))
  return { out, err }
}

describe('txscreen names match', () => {
  afterEach(() => vi.restoreAllMocks())

  it('prints the matches of one name as JSON with the explanation', async () => {
    const { out } = capture()
    expect(await run(['match', 'Владимир Путин', '--list', list, '--json'])).toBe(0)
    const result = JSON.parse(out.join(''))
    expect(result.matches[0]).toMatchObject({ id: 'WL-1', matchedName: 'Владимир Путин', score: 1 })
  })

  it('exits 2 on usage errors, naming the problem', async () => {
    const { err } = capture()
    expect(await run(['match', 'x'])).toBe(2)
    expect(await run(['match', 'x', '--list', 'xlsx:/a'])).toBe(2)
    expect(await run(['match', 'x', '--list', list, '--limit', '0'])).toBe(2)
    expect(await run(['match', '--list', list])).toBe(2)
    expect(await run(['frobnicate'])).toBe(2)
    expect(err.join('')).toMatch(/--list FORMAT:PATH is needed[\s\S]*FORMAT one of[\s\S]*--limit must be[\s\S]*give one NAME[\s\S]*unknown subcommand/)
  })
})
