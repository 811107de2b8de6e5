/**
 * txscreen's screening core: runtime-agnostic (ES and web-standard APIs only).
 * Adapters (CLI, Node server, Worker) and storage build on these exports alone.
 */
export { TransferRecordSchema, PartySchema, CHANNELS, PARTY_TYPES } from './record/schema.ts'
export type { TransferRecord, TransferRecordInput, Party } from './record/schema.ts'
export type { LineError, LineErrorCode, RuleIssue } from './errors.ts'
export { formatRuleIssue } from './errors.ts'
export { decodeRecords, recordParser, type InputFormat, type RecordParser } from './io/decode.ts'
export { validateRecord, type ParsedLine } from './io/parsed-line.ts'
export { LineSplitter, splitLines, type TextLine } from './io/lines.ts'
export { compileRuleset, type CompileResult } from './rules/compile-ruleset.ts'
export { formatDuration } from './rules/duration.ts'
export type { RuleSource } from './rules/yaml-source.ts'
export type { CompiledRuleset, CompiledRule } from './rules/compiled.ts'
export { RuleFileSchema, RulesetFileSchema, type RuleFile, type RulesetFile } from './rules/schema.ts'
export type { Watchlists, NameSearch, IndicatorLookup } from './rules/watchlist-port.ts'
export { Screener, ScreeningError, type ScreenerOptions } from './screen/screener.ts'
export { screenParsed, screenLine, lineHits, isLineError, type ScreenOutput } from './screen/stream.ts'
export { hitMerger } from './screen/merge-hits.ts'
export { measureRuleActivity, type RuleActivity } from './screen/rule-activity.ts'
export type { Verdict, Hit, HitEvidence, Decision } from './screen/verdict.ts'
export type { Case } from './screen/cases.ts'
export { formatMinor } from './money/convert.ts'
