import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '../..')
const CLI = join(ROOT, 'bin/txscreen.js')

async function txscreen(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const child = run('node', [CLI, ...args], { cwd: ROOT, maxBuffer: 64 << 20 })
    if (input !== undefined) child.child.stdin!.end(input)
    const { stdout, stderr } = await child
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

const outputs = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l))

describe('txscreen batch on ISO 20022 files', () => {
  it('detects pacs.008 from the file and gives one output per transaction, an error naming its place and element', async () => {
    const { code, stdout } = await txscreen(['batch', 'fixtures/iso20022/pacs008-small.xml', '--quiet', '--threads', '2'])
    expect(code).toBe(0)
    expect(outputs(stdout)).toMatchObject([
      { id: 'TX-1', decision: 'clear' },
      { id: '7d1f9a5c-3b0e-4e62-8d4f-5c9e0a1b2c3d' },
      { line: 54, transaction: 3, error: { code: 'invalid_record', path: '/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/IntrBkSttlmAmt' } },
    ])
  })

  it('detects pain.001 on stdin, and --format forces a format', async () => {
    const { readFile } = await import('node:fs/promises')
    const pain = await readFile(join(ROOT, 'fixtures/iso20022/pain001-small.xml'), 'utf8')
    const piped = await txscreen(['batch', '-', '--quiet'], pain)
    expect(outputs(piped.stdout).map((o) => o.id)).toEqual(['INV-118', 'TXS-PAIN-0001/2'])
    const forced = await txscreen(['batch', 'fixtures/iso20022/pain001-small.xml', '--format', 'pacs008', '--quiet'])
    expect(outputs(forced.stdout)).toMatchObject([{ error: { code: 'invalid_xml', message: expect.stringContaining('not pacs.008') } }])
  })
})
