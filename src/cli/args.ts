import { parseArgs, type ParseArgsConfig } from 'node:util'

type Options = NonNullable<ParseArgsConfig['options']>

/**
 * Parses a subcommand's options the same way everywhere: `--help` prints the usage and exits 0,
 * an unknown option or a missing positional prints it and exits 2.
 */
export function parseCommand<O extends Options>(
  command: string,
  usage: string,
  argv: string[],
  options: O,
): { ok: true; values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values']; positionals: string[] } | { ok: false; code: number } {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } })
  } catch (err) {
    process.stderr.write(`txscreen ${command}: ${(err as Error).message}\n${usage}\n`)
    return { ok: false, code: 2 }
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`)
    return { ok: false, code: 0 }
  }
  return { ok: true, values: parsed.values as never, positionals: parsed.positionals }
}

/** The one input path a command takes, or the usage and exit 2. */
export function singleInput(positionals: string[], usage: string): string | undefined {
  if (positionals.length === 1) return positionals[0]
  process.stderr.write(`${usage}\n`)
  return undefined
}
