import { deserialize, serialize } from 'node:v8'
import type { JetStreamManager, ObjectStore } from 'nats'
import type { PartitionScreener, PartitionSnapshot } from '../../core/index.ts'
import { SNAPSHOTS_BUCKET, snapshotName } from './protocol.ts'

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

/**
 * Stores the partition's snapshot in place of the one before: one object per partition, whose chunks are the
 * newest snapshot's only. The client purges the older chunks once the new object is in, but ignores a purge
 * that fails; the purge is made again here, so a failure is told and older snapshots never pile up.
 */
export async function saveSnapshot(store: ObjectStore, jsm: JetStreamManager, run: string, partition: number, bytes: Uint8Array): Promise<void> {
  const name = snapshotName(run, partition)
  const before = await store.info(name)
  const now = await store.putBlob({ name }, bytes)
  if (before && !before.deleted && before.nuid !== now.nuid) {
    await jsm.streams.purge(`OBJ_${SNAPSHOTS_BUCKET}`, { filter: `$O.${SNAPSHOTS_BUCKET}.C.${before.nuid}` })
  }
}

/** removes a run's snapshots, partitions 0..partitions (the graph partition included) */
export async function deleteSnapshots(store: ObjectStore, run: string, partitions: number): Promise<void> {
  for (let p = 0; p <= partitions; p++) {
    // a missing object (never snapshotted) is not an error worth a word
    if (await store.info(snapshotName(run, p)).catch(() => null)) await store.delete(snapshotName(run, p)).catch(() => {})
  }
}

/** the partition's newest snapshot, if any, and its size in bytes */
export async function loadSnapshot(store: ObjectStore, run: string, partition: number): Promise<(SnapshotObject & { bytes: number }) | undefined> {
  const bytes = await store.getBlob(snapshotName(run, partition))
  if (!bytes) return undefined
  return { ...(deserialize(bytes) as SnapshotObject), bytes: bytes.length }
}
