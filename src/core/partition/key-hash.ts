/**
 * The partition of an entity key ("id:ACC-1", "phone:447700900123"): FNV-1a over the key's UTF-16 code units,
 * modulo `partitions`. Stable across processes, machines and runtimes, so every router sends a key's
 * transfers to the same partition and a partition's state never has to move while P stays the same.
 */
export function partitionOfKey(key: string, partitions: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) % partitions
}
