// txscreen names match: screen names against watchlists from the command line
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import type { NameIndex, NameMatch, NameSearchOptions } from '../../core/names/index.ts'
import { DEFAULT_NAME_THRESHOLD } from '../../core/names/index.ts'
import { LIST_FORMATS, loadLists } from '../../lists/load.ts'

const USAGE = `usage: txscreen names match "NAME" --list FORMAT:PATH [--list ...] [options]
       txscreen names match --in FILE --list FORMAT:PATH [options]   (one name per line, NDJSON out)

options:
  --list FORMAT:PATH   a watchlist, repeatable; FORMAT is one of ${LIST_FORMATS.join(', ')}
  --type person|org    what the name is (drops entries of the other kind, tunes normalisation)
  --dob YYYY-MM-DD     the party's date of birth (or YYYY-MM, YYYY)
  --nationality CC     the party's nationality, ISO country code
  --country CC         the party's country (residence, registration), ISO country code
                       (these details raise or lower a score where the entry has them too)
  --limit N            matches per name (default 10)
  --min-score X        report matches at or above X (default ${DEFAULT_NAME_THRESHOLD}; lower it to see
                       names that share only one word, capped under the default)
  --json               one JSON object per name instead of text, with each token's weight and what the
                       details did
  --in FILE            read names from FILE ("-" for standard input)`

class UsageError extends Error {}

export async function run(argv: string[]): Promise<number> {
  try {
    return await match(argv)
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`txscreen names: ${(err as Error).message}\n\n${USAGE}\n`)
      return 2
    }
    throw err
  }
}

async function match(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    process.stdout.write(USAGE + '\n')
    return sub === undefined ? 2 : 0
  }
  if (sub !== 'match') throw new UsageError(`unknown subcommand "${sub}"`)
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      list: { type: 'string', multiple: true },
      type: { type: 'string' },
      country: { type: 'string' },
      nationality: { type: 'string' },
      dob: { type: 'string' },
      limit: { type: 'string' },
      'min-score': { type: 'string' },
      json: { type: 'boolean', default: false },
      in: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE + '\n')
    return 0
  }
  const lists = values.list ?? []
  if (lists.length === 0) throw new UsageError('at least one --list FORMAT:PATH is needed')
  if (values.in === undefined && positionals.length !== 1) throw new UsageError('give one NAME, or --in FILE')
  if (values.in !== undefined && positionals.length > 0) throw new UsageError('give a NAME or --in FILE, not both')
  const opts = searchOptions(values)

  let loaded
  try {
    loaded = await loadLists(lists)
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const { names } = loaded
  if (values.in === undefined) {
    const matches = names.search(positionals[0]!, opts)
    process.stdout.write(values.json ? JSON.stringify(result(positionals[0]!, matches)) + '\n' : text(positionals[0]!, matches))
    return 0
  }
  await screenFile(values.in, names, opts)
  return 0
}

function searchOptions(values: { type?: string; country?: string; nationality?: string; dob?: string; limit?: string; 'min-score'?: string }): NameSearchOptions {
  const opts: NameSearchOptions = {}
  if (values.type !== undefined) {
    if (values.type !== 'person' && values.type !== 'org') throw new UsageError(`--type must be person or org, not "${values.type}"`)
    opts.type = values.type
  }
  if (values.limit !== undefined) {
    const n = Number(values.limit)
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit must be a positive whole number, not "${values.limit}"`)
    opts.limit = n
  }
  if (values['min-score'] !== undefined) {
    const x = Number(values['min-score'])
    if (!(x >= 0 && x <= 1)) throw new UsageError(`--min-score must be between 0 and 1, not "${values['min-score']}"`)
    opts.minScore = x
  }
  if (values.country !== undefined) opts.country = countryOption('--country', values.country)
  if (values.nationality !== undefined) opts.nationality = countryOption('--nationality', values.nationality)
  if (values.dob !== undefined) {
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(values.dob)) throw new UsageError(`--dob must be YYYY, YYYY-MM or YYYY-MM-DD, not "${values.dob}"`)
    opts.dateOfBirth = values.dob
  }
  return opts
}

function countryOption(flag: string, value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value)) throw new UsageError(`${flag} must be a two-letter ISO code, not "${value}"`)
  return value.toUpperCase()
}

/** One name per line in, one JSON object per line out, in order; blank lines are skipped. */
async function screenFile(file: string, names: NameIndex, opts: NameSearchOptions): Promise<void> {
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8')
  await new Promise<void>((resolve, reject) => {
    input.once('error', (err: NodeJS.ErrnoException) => reject(new UsageError(`cannot read ${file}: ${err.code ?? err.message}`)))
    input.once('readable', () => resolve())
    input.once('end', () => resolve())
  })
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const name = line.trim()
    if (name === '') continue
    if (!process.stdout.write(JSON.stringify(result(name, names.search(name, opts))) + '\n')) {
      await new Promise((resolve) => process.stdout.once('drain', resolve))
    }
  }
}

function result(query: string, matches: NameMatch[]) {
  return {
    query,
    matches: matches.map((m) => ({
      list: m.entry.list,
      id: m.entry.id,
      name: m.entry.name,
      type: m.entry.type,
      matchedName: m.matchedName,
      score: round3(m.score),
      nameScore: round3(m.nameScore),
      ...(m.rule && { rule: m.rule }),
      explanation: m.explanation.map((p) => ({ ...p, score: round3(p.score) })),
      ...(m.details.length > 0 && { details: m.details }),
      ...(m.entry.programs && { programs: m.entry.programs }),
    })),
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000
}

/**
 * One line per match: the score, the entry, and why: each token pair with its similarity and the two weights
 * ("putin~putin 1.00 (5/5)"), unmatched tokens with a dash for the missing side, the rule that set the score, and
 * each detail with its change.
 */
function text(query: string, matches: NameMatch[]): string {
  if (matches.length === 0) return `no match for "${query}"\n`
  return (
    matches
      .map((m) => {
        const why = m.explanation.map((p) => `${p.query || '-'}~${p.candidate || '-'} ${p.score.toFixed(2)} (${p.queryWeight}/${p.candidateWeight})`)
        if (m.rule) why.push(m.rule)
        for (const d of m.details) why.push(`${d.detail} ${d.outcome} ${d.change >= 0 ? '+' : ''}${d.change.toFixed(3)}`)
        const alias = m.matchedName !== m.entry.name ? ` (as "${m.matchedName}")` : ''
        return `${m.score.toFixed(3)}  ${m.entry.list}:${m.entry.id}  ${m.entry.name}${alias}  [${why.join(', ')}]`
      })
      .join('\n') + '\n'
  )
}
