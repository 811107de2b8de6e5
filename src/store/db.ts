import type { Kysely, Transaction } from 'kysely'
import type { Database } from './schema.ts'

export type Db = Kysely<Database>
export type Tx = Transaction<Database>
/** Either the database or an open transaction: repository functions accept both. */
export type Executor = Db | Tx

/** Splits rows into chunks for multi-row inserts: bounded statement size, few round trips. */
export function* chunks<T>(rows: readonly T[], size = 500): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size)
}
