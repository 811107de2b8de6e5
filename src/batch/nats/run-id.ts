import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** what besides the input makes a batch's run: the same input with other options is another run */
export interface RunIdentity {
  partitions: number
  /** the compiled ruleset's version */
  version: string
  lists: string[]
  snapshotEvery: number
  cases: boolean
  format: string | undefined
}

/** ids a run may take: they name streams and subjects, which take letters, digits, - and _ */
export const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * The id of the run of `txscreen batch FILE --nats`: a hash of the file's bytes and the options, so that a
 * router killed mid-run and started again with the same command finds its run and resumes it. Input from
 * standard input cannot be read twice: it gets `undefined` (a random id, unless --run-id names one).
 */
export async function runIdOf(input: string, identity: RunIdentity): Promise<string | undefined> {
  if (input === '-') return undefined
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(input)) hash.update(chunk as Buffer)
  hash.update(JSON.stringify(identity))
  return hash.digest('hex').slice(0, 16)
}
