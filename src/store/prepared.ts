import { sql, type RawBuilder } from 'kysely'

// A statement that runs many times a second with the same text (the real-time group commit) is worth preparing
// once per connection: PostgreSQL then skips parsing, analysing and rewriting it on every execution. The
// statement says so with a leading comment naming it; the PostgreSQL dialect (dialects/pg.ts) sends such text
// as a named prepared statement, and any other database reads the comment as a comment.

const MARK = /^\/\* prepared ([a-z_]+) \*\//

/** The leading comment that asks for `name` as a prepared statement; put it first in the statement's text. */
export function preparedAs(name: string): RawBuilder<unknown> {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`a prepared statement's name is lower-case letters and underscores, got "${name}"`)
  return sql.raw(`/* prepared ${name} */`)
}

/** The prepared statement's name a statement's text asks for, if it does. */
export function preparedName(text: string): string | undefined {
  return text.startsWith('/* prepared ') ? MARK.exec(text)?.[1] : undefined
}
