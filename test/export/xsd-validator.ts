import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const GOAML_XSD = join(import.meta.dirname, '../../fixtures/goaml/goAMLSchema-5.0.1.xsd')

/**
 * Validates XML documents against the goAML schema with libxml2's xmllint (Debian libxml2-utils; .ci/run
 * installs it). Without xmllint this throws: a report test must fail, not pass unchecked.
 * Returns, per document, the validator's complaints: empty when it validates.
 */
export function validateGoaml(documents: readonly string[]): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'goaml-'))
  try {
    const files = documents.map((text, i) => {
      const file = join(dir, `${i}.xml`)
      writeFileSync(file, text)
      return file
    })
    const run = spawnSync('xmllint', ['--noout', '--schema', GOAML_XSD, ...files], { encoding: 'utf8', maxBuffer: 256 << 20 })
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      throw new Error('no XSD validator: install xmllint (apt-get install libxml2-utils); goAML reports are not checked without it')
    }
    if (run.error) throw run.error
    // xmllint says "FILE validates" of each good file and "FILE:LINE: ... error ..." of each fault, on stderr
    const lines = run.stderr.split('\n')
    return files.map((file) => {
      if (lines.includes(`${file} validates`)) return []
      const faults = lines.filter((l) => l.startsWith(`${file}:`))
      return faults.length > 0 ? faults : [`${file}: no verdict from xmllint (exit ${run.status})`]
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
