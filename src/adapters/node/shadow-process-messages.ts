import type { RuleSource, TransferRecord } from '../../core/index.ts'
import type { ShadowPlan } from '../../service/shadow-plan.ts'
import type { ShadowOutcomes } from '../../service/shadow-thread-port.ts'

/** the PostgreSQL application_name of the shadow process's connection */
export const SHADOW_APPLICATION_NAME = 'txscreen-shadow'

/** what the shadow's process starts with: the version's rule files, compiled there, which of its rules it runs, and where its rows go */
export interface ShadowProcessSetup {
  files: readonly RuleSource[]
  version: string
  plan: ShadowPlan
  shadowId: string
  /** PostgreSQL: the process writes its kept rows there itself; without, it hands their JSON back */
  databaseUrl?: string
}

/**
 * parent → process: the setup (first), warm-up records (no answer), a warm-up mark (answered once all before it are
 * taken), or calls to screen (shadowCallsJson: one string, copied as it is)
 */
export type ShadowProcessRequest = { setup: ShadowProcessSetup } | { observe: TransferRecord[] } | { warmed: true } | { calls: string }

/** process → parent: one per `warmed` or `calls` request, in order; and log lines, any time */
export type ShadowProcessReply = { warmed: true } | { outcomes: ShadowOutcomes } | { log: string }
