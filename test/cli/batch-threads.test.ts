import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '../..')
const CLI = join(ROOT, 'bin/txscreen.js')

interface Summary {
  cpu: { processSeconds: number; mainThreadSeconds?: number; workerThreadSeconds?: number[]; mainWaitSeconds?: number; workerIdleSeconds?: number[] }
}

async function batch(input: string, dir: string, threads: number): Promise<{ verdicts: string; cases: string; summary: Summary }> {
  const out = join(dir, `v${threads}.ndjson`)
  const cases = join(dir, `c${threads}.ndjson`)
  const summary = join(dir, `s${threads}.json`)
  await run('node', [CLI, 'batch', input, '--threads', String(threads), '--out', out, '--cases', cases, '--summary-json', summary, '--quiet'], { cwd: ROOT })
  return { verdicts: readFileSync(out, 'utf8'), cases: readFileSync(cases, 'utf8'), summary: JSON.parse(readFileSync(summary, 'utf8')) as Summary }
}

describe('txscreen batch --threads', () => {
  it('gives byte-identical verdicts and cases on one, two and three threads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txscreen-threads-'))
    // generated records with planted typologies, malformed lines and blank lines (which yield no output, so a
    // thread's record numbering drifts from its line numbering): hits, merges and error lines all occur
    const records = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').slice(0, 8000)
    const malformed = readFileSync(join(ROOT, 'fixtures/records/malformed.ndjson'), 'utf8').trimEnd()
    const input = join(dir, 'in.ndjson')
    writeFileSync(input, `${records.slice(0, 300).join('\n')}\n\n\n${malformed}\n${records.slice(300).join('\n')}\n${malformed}`)

    const one = await batch(input, dir, 1)
    expect(one.verdicts.split('\n').filter((l) => l.includes('"hits":[{')).length).toBeGreaterThan(10)
    expect(one.summary.cpu.workerThreadSeconds).toBeUndefined()
    expect(one.summary.cpu.mainWaitSeconds).toBeUndefined()
    for (const threads of [2, 3]) {
      const many = await batch(input, dir, threads)
      expect(many.verdicts).toBe(one.verdicts)
      expect(many.cases).toBe(one.cases)
      // the summary splits the screening's CPU by thread (where the platform tells a thread's own time)
      const { processSeconds, mainThreadSeconds, workerThreadSeconds } = many.summary.cpu
      expect(processSeconds).toBeGreaterThan(0)
      // and says how long the main thread waited for the workers' hits, and each worker for records
      const { mainWaitSeconds, workerIdleSeconds } = many.summary.cpu
      expect(mainWaitSeconds).toBeGreaterThanOrEqual(0)
      expect(workerIdleSeconds).toHaveLength(threads - 1)
      for (const s of workerIdleSeconds!) expect(s).toBeGreaterThanOrEqual(0)
      if (process.platform === 'linux') {
        expect(workerThreadSeconds).toHaveLength(threads - 1)
        for (const s of [mainThreadSeconds!, ...workerThreadSeconds!]) expect(s).toBeGreaterThan(0)
        expect(mainThreadSeconds! + workerThreadSeconds!.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(processSeconds + 0.05)
      }
    }
  }, 120_000)
})

describe('txscreen batch --max-memory', () => {
  it('reruns with capped heaps and gives the same verdicts; refuses a budget too small for the threads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txscreen-memory-'))
    const input = join(dir, 'in.ndjson')
    writeFileSync(input, readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').slice(0, 3000).join('\n'))
    const plain = await batch(input, dir, 2)
    const out = join(dir, 'capped.ndjson')
    await run('node', [CLI, 'batch', input, '--threads', '2', '--max-memory', '600', '--out', out, '--quiet'], { cwd: ROOT })
    expect(readFileSync(out, 'utf8')).toBe(plain.verdicts)

    const refused = await run('node', [CLI, 'batch', input, '--threads', '2', '--max-memory', '300', '--out', out], { cwd: ROOT }).catch((e: { code: number; stderr: string }) => e)
    expect('code' in refused && refused.code).toBe(2)
    expect((refused as { stderr: string }).stderr).toMatch(/--max-memory 300 leaves .* MiB of heap per thread/)
  }, 120_000)
})

describe('txscreen batch --max-memory, state larger than the cap', () => {
  it('says that the window state outgrew the heap, and what to do, after V8 stops the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txscreen-outgrown-'))
    const input = join(dir, 'unique.ndjson')
    // every party new, one transfer a second: 150,000 records stay inside the 30-day windows, more state than
    // --max-memory 288 holds (most of it outside the 128 MiB heap it leaves one thread, in the window pools)
    const fixture = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').filter(Boolean)
    const start = Date.parse('2026-01-01T00:00:00Z')
    const lines: string[] = []
    for (let i = 0; i < 150_000; i++) {
      const r = JSON.parse(fixture[i % fixture.length]!) as { sender: Record<string, string>; receiver: Record<string, string> }
      const party = (p: Record<string, string>, tag: string) => ({ ...p, id: `${tag}${i}`, account: `${tag.toUpperCase()}X${i}`, phone: `+1555${String(i).padStart(7, '0')}` })
      lines.push(JSON.stringify({ ...r, id: `u${i}`, timestamp: new Date(start + i * 1000).toISOString(), sender: party(r.sender, 's'), receiver: party(r.receiver, 'r') }))
    }
    writeFileSync(input, lines.join('\n') + '\n')
    const failed = await run('node', [CLI, 'batch', input, '--threads', '1', '--max-memory', '288', '--out', join(dir, 'out.ndjson'), '--quiet'], {
      cwd: ROOT,
      maxBuffer: 64 << 20,
    }).catch((e: { code: number; stderr: string }) => e)
    expect('code' in failed && failed.code).toBe(1)
    expect((failed as { stderr: string }).stderr).toMatch(/txscreen batch: the screening state outgrew the 128 MiB heap that --max-memory 288 leaves its thread.*more --max-memory/)
  }, 300_000)
})
