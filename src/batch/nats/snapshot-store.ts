import { deserialize, serialize } from 'node:v8'
import type { ObjectStore } from 'nats'
import type { PartitionScreener, PartitionSnapshot } from '../../core/index.ts'
import { snapshotName } from './protocol.ts'

/** what a snapshot object holds: a partition's state once it screened the records messages up to `seq` */
interface SnapshotObject {
  /** the in-stream sequence of the last records message in the state; every one up to it has its hits stored */
  seq: number
  state: PartitionSnapshot
}

/**
 * Serialises a partition's state at once (the snapshot shares the screener's live arrays), with node:v8: the
 * structured-clone encoding, which keeps typed arrays as their bytes.
 */
export function encodeSnapshot(screener: PartitionScreener, seq: number): Uint8Array {
  return serialize({ seq, state: screener.snapshot() } satisfies SnapshotObject)
}

export async function saveSnapshot(store: ObjectStore, run: string, partition: number, bytes: Uint8Array): Promise<void> {
  await store.putBlob({ name: snapshotName(run, partition) }, bytes)
}

/** the partition's newest snapshot, if any, and its size in bytes */
export async function loadSnapshot(store: ObjectStore, run: string, partition: number): Promise<(SnapshotObject & { bytes: number }) | undefined> {
  const bytes = await store.getBlob(snapshotName(run, partition))
  if (!bytes) return undefined
  return { ...(deserialize(bytes) as SnapshotObject), bytes: bytes.length }
}
