import { vi } from 'vitest'
import { run } from '../../src/cli/commands/eval.ts'

/** Helpers the eval CLI tests share: a record line and a run of `txscreen eval` with its stdout captured. */

export const day = (d: number, h: number) => `2026-03-0${d}T${String(h).padStart(2, '0')}:00:00Z`

export const record = (id: string, ts: string, from: string, to: string, amount: string) =>
  JSON.stringify({ id, timestamp: ts, amount, currency: 'USD', channel: 'wire', sender: { id: from, type: 'person' }, receiver: { id: to, type: 'person' } })

/** runs `txscreen eval` with `args`; stderr is captured too, so expected errors do not clutter the test output */
export function runEval(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return runCommand(run, args)
}

/** runs a CLI command's `run` with `args`, its stdout and stderr captured */
export async function runCommand(command: (args: string[]) => Promise<number>, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk)
    return true
  })
  const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk)
    return true
  })
  try {
    return { code: await command(args), out, err }
  } finally {
    spyOut.mockRestore()
    spyErr.mockRestore()
  }
}
