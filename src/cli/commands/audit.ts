import { dataDirOwner } from '../../adapters/node/key-inbox.ts'
import { databaseTargetFromEnv, openDatabase } from '../../adapters/node/open-database.ts'
import { verifyAuditChain } from '../../store/audit.ts'

const USAGE = `usage:
  txscreen audit verify   recomputes the audit log's hash chain; exit 0 when every entry holds, 1 at the first that does not

Uses the same store as the server: DATABASE_URL for PostgreSQL, else PGlite in TXSCREEN_DATA_DIR (default ./data).`

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  if (sub !== 'verify' || rest.length > 0) {
    const help = sub === '--help' || sub === '-h'
    process[help ? 'stdout' : 'stderr'].write(USAGE + '\n')
    return help ? 0 : 2
  }
  const target = databaseTargetFromEnv()
  const owner = target.kind === 'pglite' ? await dataDirOwner(target.dataDir) : undefined
  if (owner) {
    process.stderr.write(`txscreen: the server (pid ${owner}) holds the data folder; stop it first\n`)
    return 1
  }
  const store = await openDatabase(target)
  try {
    const result = await verifyAuditChain(store.db)
    if (!result.ok) {
      process.stdout.write(`${result.problem} (${result.entries} entries before it hold)\n`)
      return 1
    }
    process.stdout.write(`audit log holds: ${result.entries} entries, head ${result.head || '(empty)'}\n`)
    return 0
  } finally {
    await store.close()
  }
}
