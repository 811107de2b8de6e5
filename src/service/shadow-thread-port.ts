import type { Decision, Hit, RuleSource, TransferRecord } from '../core/index.ts'
import type { ShadowPlan } from './shadow-plan.ts'

/**
 * A settled call as the shadow's thread needs it: the record, the active decision (to know whether to keep the
 * verdict's JSON), and the active screening's hits of the rules the plan reuses (when any hit).
 */
export type ShadowCall = [record: TransferRecord, activeDecision: Decision, reused?: Hit[]]

/**
 * The shadow's verdict on one call, compact: decision, score, the rules that hit, and the verdict as JSON
 * only when its row is kept (the shadow alerts or changes the decision); undefined when it could not screen it.
 */
export interface ShadowOutcome {
  decision: Decision
  score: number
  rules: string[]
  json?: string
}

/**
 * A screener for the shadow run on another thread (or isolate): it compiles the rule files itself, takes the
 * warm-up history and then the settled calls in order, and answers each batch of calls in order. The runtime
 * adapter provides it (`src/adapters/node/shadow-thread.ts`); without one the shadow screens on the event loop.
 */
export interface ShadowThread {
  /** warm-up records from the history, in stored order (a record the rules cannot take is skipped there) */
  observe(records: TransferRecord[]): void
  /** resolves once every record observed so far is taken; rejects when the thread failed (e.g. its rules did not compile) */
  warmed(): Promise<void>
  screen(calls: ShadowCall[]): Promise<(ShadowOutcome | undefined)[]>
  close(): void
}

/** Starts a thread for the rule files of one version, running the rules its plan evaluates; called once per warm-up. */
export type ShadowThreadFactory = (files: readonly RuleSource[], version: string, plan: ShadowPlan) => ShadowThread
