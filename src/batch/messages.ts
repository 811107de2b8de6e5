import type { Hit, RuleSource } from '../core/index.ts'
import type { EncodedRecords } from './record-codec.ts'

/** What a screening worker is started with: the same rule files as the main thread, which it compiles at once. */
export interface WorkerSetup {
  sources: RuleSource[]
  /**
   * the files' values as the build parsed them, by text (`CompileOptions.parsed`): the worker then skips parsing
   * the YAML, a large part of its start (BENCHMARKS.md, issue 21)
   */
  parsed?: [string, unknown][]
}

/**
 * main → worker, first: its share of the rules, decided once the batch's first lines are read, and the main
 * thread's ruleset version (the files must not have changed in between)
 */
export interface ShareMessage {
  share: { rules: number[]; version: string }
}

/** main → worker: the records of the next slice of lines, in input order, as the main thread decoded and encoded them */
export interface RecordsMessage {
  records: EncodedRecords
}

/** main → worker: how much CPU the worker's thread used since it got its share, answered in turn with `CpuMessage` */
export interface CpuRequest {
  cpu: true
}

/**
 * worker → main: the answer to `CpuRequest`: CPU seconds (undefined where threads' CPU time cannot be read),
 * and seconds of wall time the worker had nothing to screen, both since it got its share
 */
export interface CpuMessage {
  cpuSeconds: number | undefined
  idleSeconds: number
}

/**
 * worker → main: for the lines of one records message, in order, the hits of the worker's rules;
 * sparse, as most records have none: [index among the message's lines, hits].
 */
export interface HitsMessage {
  hits: [number, Hit[]][]
}
