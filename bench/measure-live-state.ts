import { join } from 'node:path'
import { runChild } from './child.ts'
import { ROOT } from './data.ts'

export interface LiveState {
  bytesPerParty: number
  parties: number
  mib: number
  command: string
}

/** bench/live-state.ts in a child process (`args` its options): the live heap per party in the windows */
export async function measureLiveState(args: string[]): Promise<LiveState> {
  const run = await runChild(['node', '--import', 'tsx', join(ROOT, 'bench/live-state.ts'), ...args, '--json'], { cwd: ROOT })
  if (run.code !== 0) throw new Error(`bench/live-state.ts failed (${run.code}): ${run.stderr.trim().slice(-800)}`)
  const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as { liveBytes: number; parties: number; bytesPerParty: number }
  return { bytesPerParty: r.bytesPerParty, parties: r.parties, mib: Math.round(r.liveBytes / 2 ** 20), command: `npx tsx bench/live-state.ts ${args.join(' ')}` }
}
