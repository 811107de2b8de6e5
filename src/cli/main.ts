// txscreen command line: each subcommand lives in its own module and is loaded only when used
const commands: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  batch: { summary: 'screen a file of transfer records', load: () => import('./commands/batch.ts') },
  worker: { summary: 'serve partitions of batches screened over NATS JetStream', load: () => import('./commands/worker.ts') },
  rules: { summary: 'check rule files, print the JSON Schema', load: () => import('./commands/rules.ts') },
  generate: { summary: 'generate labelled synthetic transfer data', load: () => import('./commands/generate.ts') },
  eval: { summary: 'measure the rules against labelled records', load: () => import('./commands/eval.ts') },
  import: { summary: 'turn AMLworld or AMLSim files into records and labels', load: () => import('./commands/import.ts') },
  names: { summary: 'screen names against watchlists', load: () => import('./commands/names.ts') },
  keys: { summary: 'create and list API keys for the service', load: () => import('./commands/keys.ts') },
  audit: { summary: "check the service's audit log: every entry chained to the one before by hash", load: () => import('./commands/audit.ts') },
  report: { summary: 'write goAML reports of cases, or their transfers as CSV', load: () => import('./commands/report.ts') },
}

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length))
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  return ['usage: txscreen <command> [options]', '', 'commands:', ...lines, '', 'txscreen <command> --help for its options'].join('\n')
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n')
    return name ? 0 : 2
  }
  const command = commands[name]
  if (!command) {
    process.stderr.write(`txscreen: unknown command "${name}"\n\n${usage()}\n`)
    return 2
  }
  const mod = await command.load()
  return mod.run(rest)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`txscreen: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exitCode = 2
  },
)
