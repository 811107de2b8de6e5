import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { withAsyncCommit } from '../../load/lib/service.ts'
import { DIALECTS, pgUrlWithSchema, TEST_PG_URL } from '../service/support/databases.ts'

async function settings(url: string): Promise<{ commit: string; path: string }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const commit = (await client.query('show synchronous_commit')).rows[0].synchronous_commit as string
    const path = (await client.query('show search_path')).rows[0].search_path as string
    return { commit, path }
  } finally {
    await client.end()
  }
}

// `npm run load -- --commit async` and bench (d'') rest on this URL reaching every connection of the pool
describe.runIf(DIALECTS.includes('pg'))('withAsyncCommit', () => {
  it('turns synchronous_commit off for the connection, which waits for the flush by default', async () => {
    expect((await settings(TEST_PG_URL)).commit).toBe('on')
    expect((await settings(withAsyncCommit(TEST_PG_URL))).commit).toBe('off')
  })

  it('keeps the options the URL already had', async () => {
    const url = withAsyncCommit(pgUrlWithSchema(TEST_PG_URL, 'elsewhere'))
    expect(await settings(url)).toEqual({ commit: 'off', path: 'elsewhere' })
  })
})
