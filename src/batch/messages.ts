import type { Hit, InputFormat, RuleSource } from '../core/index.ts'

/** What a screening worker is started with: the same rule files as the main thread, which it compiles at once. */
export interface WorkerSetup {
  sources: RuleSource[]
  format: InputFormat
}

/**
 * main → worker, first: its share of the rules, decided once the batch's first lines are read, and the main
 * thread's ruleset version (the files must not have changed in between)
 */
export interface ShareMessage {
  share: { rules: number[]; version: string }
}

/**
 * main → worker: the next block of input bytes, in input order (transferred, not copied), or null at the
 * end of the input; the worker splits and decodes them exactly as the main thread does
 */
export interface BytesMessage {
  bytes: Uint8Array | null
}

/**
 * worker → main: for the records a block decoded to, in order, the hits of the worker's rules;
 * sparse, as most records have none: [index into the decoded records, hits].
 */
export interface HitsMessage {
  hits: [number, Hit[]][]
}
