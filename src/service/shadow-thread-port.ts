import type { Decision, Hit, RuleSource, TransferRecord } from '../core/index.ts'
import type { ShadowPlan } from './shadow-plan.ts'

/**
 * A settled call as the shadow's screener elsewhere needs it: the record, the active verdict's decision (to know
 * whether the row is kept), score and version and who asked (the kept row's columns), and the active screening's
 * hits of the rules the plan reuses (when any hit).
 */
export interface ShadowCall {
  record: TransferRecord
  decision: Decision
  score: number
  ruleset: string
  tenant: string
  keyId: string | null
  reused?: Hit[]
}

/**
 * The shadow's verdict on one call, compact: decision, score, the rules that hit, and the verdict as JSON only
 * when its row is kept (the shadow alerts or changes the decision) and the caller is to store it (a screener that
 * stores its rows itself leaves it out); undefined when it could not screen it.
 */
export interface ShadowOutcome {
  decision: Decision
  score: number
  rules: string[]
  json?: string
}

/**
 * The shadow's screener away from the event loop (the Node adapter's: a child process at the lowest priority): it
 * compiles the rule files itself, takes the warm-up history and then the settled calls in order, and answers each
 * batch of calls in order; it may store the kept rows itself. The runtime adapter provides it
 * (`src/adapters/node/shadow-process.ts`); without one the shadow screens on the event loop.
 */
export interface ShadowThread {
  /** warm-up records from the history, in stored order (a record the rules cannot take is skipped there) */
  observe(records: TransferRecord[]): void
  /** resolves once every record observed so far is taken; rejects when it failed (e.g. its rules did not compile) */
  warmed(): Promise<void>
  screen(calls: ShadowCall[]): Promise<(ShadowOutcome | undefined)[]>
  /** ends it; rows it stores itself are still written */
  close(): void
}

/** Starts a screener for the rule files of one version, running the rules its plan evaluates; called once per warm-up of the shadow run `shadowId`. */
export type ShadowThreadFactory = (files: readonly RuleSource[], version: string, plan: ShadowPlan, shadowId: string) => ShadowThread
