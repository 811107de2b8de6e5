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

  it('shows each token weight and what the details did, and names sharing one word with a lower --min-score', async () => {
    const { out } = capture()
    expect(await run(['match', 'Vladimir Putin', '--list', list, '--json', '--dob', '1952', '--nationality', 'ru', '--country', 'GB', '--limit', '1'])).toBe(0)
    const [match] = JSON.parse(out.join('')).matches
    expect(match).toMatchObject({ id: 'WL-1', nameScore: 1 })
    expect(match.explanation).toEqual([
      { query: 'vladimir', candidate: 'vladimir', score: 1, queryWeight: 8, candidateWeight: 8 },
      { query: 'putin', candidate: 'putin', score: 1, queryWeight: 5, candidateWeight: 5 },
    ])
    expect(match.details.map((d: { detail: string; outcome: string }) => `${d.detail} ${d.outcome}`)).toEqual(['dateOfBirth same-year', 'nationality same', 'country different'])
    out.length = 0
    expect(await run(['match', 'Vladimir Smirnov', '--list', list])).toBe(0)
    expect(out.join('')).toBe('no match for "Vladimir Smirnov"\n')
    out.length = 0
    expect(await run(['match', 'Vladimir Smirnov', '--list', list, '--min-score', '0.4'])).toBe(0)
    expect(out.join('')).toMatch(/^0\.\d+ {2}sample-watchlist:WL-1 .*vladimir~vladimir 1\.00 \(8\/8\), smirnov~- 0\.00 \(7\/0\).*one-word\]/)
  })

  it('exits 2 on usage errors, naming the problem', async () => {
    const { err } = capture()
    expect(await run(['match', 'x'])).toBe(2)
    expect(await run(['match', 'x', '--list', 'xlsx:/a'])).toBe(2)
    expect(await run(['match', 'x', '--list', list, '--limit', '0'])).toBe(2)
    expect(await run(['match', '--list', list])).toBe(2)
    expect(await run(['frobnicate'])).toBe(2)
    expect(await run(['match', 'x', '--list', list, '--nationality', 'Russia'])).toBe(2)
    expect(await run(['match', 'x', '--list', list, '--dob', '7 Oct 1952'])).toBe(2)
    expect(err.join('')).toMatch(
      /--list FORMAT:PATH is needed[\s\S]*FORMAT one of[\s\S]*--limit must be[\s\S]*give one NAME[\s\S]*unknown subcommand[\s\S]*--nationality must be a two-letter ISO code[\s\S]*--dob must be/,
    )
  })
})
