import { getBatch, type BatchInfo } from '../store/batches.ts'
import type { Db } from '../store/db.ts'
import type { Principal } from './env.ts'
import { notFound } from './problem.ts'

/** A screen key sees the batches it uploaded; analyst and admin keys see every batch of their tenant. */
export function canSee(p: Principal, batch: BatchInfo): boolean {
  return p.role === 'screen' ? batch.ownerKey === p.keyId : batch.tenant === p.tenant
}

/** The batch if the caller may see it; otherwise 404, as if it did not exist, so ids cannot be probed. */
export async function visibleBatch(db: Db, p: Principal, id: string): Promise<BatchInfo> {
  const batch = await getBatch(db, id)
  if (!batch || !canSee(p, batch)) throw notFound(`There is no batch ${id}.`)
  return batch
}
