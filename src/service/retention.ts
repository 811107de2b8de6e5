import type { CompiledRuleset } from '../core/index.ts'

/** What retention reads of a rule set. */
export type RetentionRuleset = Pick<CompiledRuleset, 'maxWindowMs' | 'latenessMs'>

// the history is kept at least this long, whatever the active windows, so that activating a rule set with
// longer windows still finds some past
export const MIN_RETENTION_MS = 31 * 24 * 3600_000

/**
 * How far back of a transfer its history reaches: the longest window plus the lateness allowance. The
 * in-memory state holds that much of every entity behind the latest transfer, so the database mode loads
 * as much for each call and a transfer meets the same past in both modes, late or not.
 */
export function historyReachMs(ruleset: RetentionRuleset): number {
  return ruleset.maxWindowMs + ruleset.latenessMs
}

/** How long the real-time history is kept behind the latest transfer: its reach, and at least MIN_RETENTION_MS. */
export function retentionMs(ruleset: RetentionRuleset): number {
  return Math.max(historyReachMs(ruleset), MIN_RETENTION_MS)
}

/**
 * The oldest time (epoch ms) the history keeps when its latest transfer is at `latest`: both modes prune
 * what is older, and a warm-up replays from here.
 */
export function keptFrom(ruleset: RetentionRuleset, latest: number): number {
  return latest - retentionMs(ruleset)
}
