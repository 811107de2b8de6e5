import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ChildRun {
  code: number
  stdout: string
  stderr: string
  wallSeconds: number
  /** RSS high-water mark of the child, in MiB, from GNU time; undefined when it is not installed */
  peakRssMiB: number | undefined
  /** user + system CPU seconds of the child (GNU time): steadier than wall time on a loaded machine */
  cpuSeconds: number | undefined
}

const GNU_TIME = '/usr/bin/time'

/** Runs one measurement in its own process, so each starts cold and its peak memory is its own. */
export function runChild(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ChildRun> {
  const timed = existsSync(GNU_TIME)
  const rssFile = join(tmpdir(), `txscreen-bench-rss-${process.pid}-${Date.now()}`)
  const [cmd, ...args] = timed ? [GNU_TIME, '-f', '%M %U %S', '-o', rssFile, ...argv] : argv
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      let peakRssMiB: number | undefined
      let cpuSeconds: number | undefined
      if (timed && existsSync(rssFile)) {
        // GNU time writes "Command exited with non-zero status N" first when the child fails
        const [kb, user, sys] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number)
        if (Number.isFinite(kb)) peakRssMiB = kb! / 1024
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = user! + sys!
        rmSync(rssFile, { force: true })
      }
      resolve({ code: code ?? 1, stdout, stderr, wallSeconds: (performance.now() - started) / 1000, peakRssMiB, cpuSeconds })
    })
  })
}
