import { exportsOf, pickExport, type Exportable, type ExportFormat } from '../core/index.ts'

const WHAT: Record<keyof Exportable, string> = { outputs: '--out', cases: '--cases', transfers: '--transfers' }

/** `--out-format NAME`'s line in a usage, say: the names of the exports of that kind */
export function exportUsage(option: string, of: keyof Exportable): string {
  return `[--${option}-format ${exportsOf(of).map((e) => e.name).join('|')}]`
}

/** the help text on how `batch` picks its exports */
export const EXPORT_HELP = (['outputs', 'cases'] as const)
  .map((of) => {
    const [first, ...others] = exportsOf(of)
    const byEnding = others.map((e) => `${e.extensions.join(' ')}: ${e.name}`).join('; ')
    return `${WHAT[of]} FILE is written as ${first!.name}${byEnding ? `, unless ${WHAT[of]}-format or the file name's ending says otherwise (${byEnding})` : ''}.`
  })
  .join('\n')

/** the export `--X-format` names, else the one `path`'s ending asks for, else the default; unknown names throw */
export function exportChoice<K extends keyof Exportable>(of: K, name: string | undefined, path: string | undefined): ExportFormat<K> {
  const chosen = pickExport(of, { name, path })
  if (!chosen) throw new Error(`unknown ${WHAT[of]}-format "${name}": use ${exportsOf(of).map((e) => e.name).join(' or ')}`)
  return chosen
}
