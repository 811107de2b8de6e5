/**
 * Entity-partitioned screening (docs/scale-out.md): cut a ruleset's work into P key partitions, each owning
 * the state of the entity keys that hash to it, and one graph partition for the rules that follow money over
 * several hops or keep one window over all transfers. A router sends each transfer to `plan.keyPartitionsOf`
 * and to `plan.graphPartition`; each partition's `PartitionScreener` returns its hits; `partitionHitMerger`
 * puts them back in ruleset order and `Screener.verdict` (a screener with no rules) makes the verdict: the
 * same bytes as one screener running every rule, whatever P.
 */
export { partitionOfKey } from './key-hash.ts'
export { PartitionPlan } from './plan.ts'
export { PartitionScreener, type PartitionSnapshot } from './partition-screener.ts'
export { partitionHitMerger } from './merge.ts'
export { PartitionRouter, isRouted, type RoutedRecord } from './router.ts'
export { PartitionedEngine } from './partitioned-engine.ts'
