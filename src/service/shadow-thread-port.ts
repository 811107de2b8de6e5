import type { Decision, Hit, RuleSource, TransferRecord } from '../core/index.ts'
import type { ShadowPlan } from './shadow-plan.ts'
import { DECISIONS } from './shadow-comparison.ts'

/**
 * A settled call as the shadow's screener elsewhere needs it: the record, the active verdict's decision (to know
 * whether the row is kept), score and version and who asked (the kept row's columns), and the active screening's
 * hits of the rules the plan reuses (when any hit). It crosses to the screener as JSON text (shadowCallsJson),
 * made from the record's JSON the real-time path already has, so the event loop clones no objects for it.
 */
export interface ShadowCall {
  record: TransferRecord
  decision: Decision
  score: number
  ruleset: string
  tenant: string
  keyId: string | null
  reused?: Hit[]
  /** the active verdict, when its hits are the raw hits (a primary rule hit): the reused rules' hits are taken from it there */
  active?: { hits: Hit[] }
}

/** A call's parts as the event loop holds them: the record as its JSON text. */
export interface ShadowCallParts {
  recordJson: string
  decision: Decision
  score: number
  ruleset: string
  tenant: string
  keyId: string | null
  reused: readonly Hit[] | undefined
  /** the active verdict's JSON (the answer's), sent instead of `reused` when its hits are the raw hits */
  activeJson: string | undefined
}

/** the JSON text of a batch of calls (a ShadowCall[] once parsed), the record's JSON spliced in as it is */
export function shadowCallsJson(calls: readonly ShadowCallParts[]): string {
  let out = '['
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i]!
    out +=
      `${i === 0 ? '' : ','}{"record":${c.recordJson},"decision":"${c.decision}","score":${c.score},"ruleset":${JSON.stringify(c.ruleset)},` +
      `"tenant":${JSON.stringify(c.tenant)},"keyId":${c.keyId === null ? 'null' : JSON.stringify(c.keyId)}${c.reused ? `,"reused":${JSON.stringify(c.reused)}` : ''}${c.activeJson ? `,"active":${c.activeJson}` : ''}}`
  }
  return `${out}]`
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
 * A batch's outcomes as they cross back: numbers only, so the event loop decodes no strings but the kept rows'
 * JSON. Per call: the decision's index in DECISIONS (-1: not screened, +4: its JSON is next in `json`), the
 * score, the number of hits, and each hit's rule as its index in the candidate's rules.
 */
export interface ShadowOutcomes {
  codes: Int32Array
  json: string[]
  /** a screener that stores its rows itself: the kept rows it could not store so far (a failed statement, or past its pending limit) */
  unstored?: number
}

const WITH_JSON = 4

/** `rank`: the candidate's rule ids by their index */
export function encodeOutcomes(outcomes: readonly (ShadowOutcome | undefined)[], rank: ReadonlyMap<string, number>): ShadowOutcomes {
  const codes: number[] = []
  const json: string[] = []
  for (const o of outcomes) {
    if (!o) {
      codes.push(-1)
      continue
    }
    codes.push(DECISIONS.indexOf(o.decision) + (o.json === undefined ? 0 : WITH_JSON), o.score, o.rules.length)
    for (const rule of o.rules) codes.push(rank.get(rule)!)
    if (o.json !== undefined) json.push(o.json)
  }
  return { codes: Int32Array.from(codes), json }
}

/** the outcomes back, in order; `rules`: the candidate's rules (their ids by index) */
export function decodeOutcomes(encoded: ShadowOutcomes, rules: readonly { id: string }[]): (ShadowOutcome | undefined)[] {
  const { codes, json } = encoded
  const out: (ShadowOutcome | undefined)[] = []
  let j = 0
  for (let i = 0; i < codes.length; ) {
    const code = codes[i++]!
    if (code < 0) {
      out.push(undefined)
      continue
    }
    const score = codes[i++]!
    const n = codes[i++]!
    const hit: string[] = new Array<string>(n)
    for (let k = 0; k < n; k++) hit[k] = rules[codes[i++]!]!.id
    const o: ShadowOutcome = { decision: DECISIONS[code & 3]!, score, rules: hit }
    if (code & WITH_JSON) o.json = json[j++]!
    out.push(o)
  }
  return out
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
  /** `calls`: shadowCallsJson of the batch; the outcomes come back in the same order */
  screen(calls: string): Promise<ShadowOutcomes>
  /** ends it; rows it stores itself are still written */
  close(): void
}

/** Starts a screener for the rule files of one version, running the rules its plan evaluates; called once per warm-up of the shadow run `shadowId`. */
export type ShadowThreadFactory = (files: readonly RuleSource[], version: string, plan: ShadowPlan, shadowId: string) => ShadowThread
