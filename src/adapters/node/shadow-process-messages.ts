import type { RuleSource, TransferRecord } from '../../core/index.ts'
import type { ShadowPlan } from '../../service/shadow-plan.ts'
import type { ShadowCall, ShadowOutcome } from '../../service/shadow-thread-port.ts'

/** what the shadow's thread starts with: the version's rule files, compiled there, and which of its rules it runs */
export interface ShadowThreadSetup {
  files: readonly RuleSource[]
  version: string
  plan: ShadowPlan
}

/** main → thread: warm-up records (no answer), a warm-up mark (answered once all before it are taken), or calls to screen */
export type ShadowThreadRequest = { observe: TransferRecord[] } | { warmed: true } | { calls: ShadowCall[] }

/** thread → main, one per `warmed` or `calls` request, in order */
export type ShadowThreadReply = { warmed: true } | { outcomes: (ShadowOutcome | undefined)[] }
