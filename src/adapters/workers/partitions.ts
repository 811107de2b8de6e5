import { ScreeningError } from '../../core/index.ts'
import type { PartitionLink } from '../../service/partitioned/partitioned-realtime.ts'
import type { PartitionAnswer, PartitionCall } from '../../service/partitioned/partition-state.ts'

/** The part of a Durable Object namespace binding the Worker uses. */
export interface ObjectNamespace {
  idFromName(name: string): unknown
  get(id: unknown): { fetch(input: string, init?: RequestInit): Promise<Response> }
}

/**
 * The partitions as Durable Objects named `partition-N`, one per partition, called over their fetch handler;
 * made per request, as a stub belongs to the request that made it.
 */
export function objectLink(namespace: ObjectNamespace): PartitionLink {
  const stub = (partition: number) => namespace.get(namespace.idFromName(`partition-${partition}`))
  return {
    async screen(call: PartitionCall): Promise<PartitionAnswer> {
      const res = await stub(call.partition).fetch('https://partition/screen', { method: 'POST', body: JSON.stringify(call) })
      const body = (await res.json()) as PartitionAnswer & { screeningError?: { code: 'no_rate'; message: string; path?: string }; error?: string }
      if (body.screeningError) throw new ScreeningError(body.screeningError.code, body.screeningError.message, body.screeningError.path)
      if (!res.ok) throw new Error(`partition ${call.partition}: ${body.error ?? res.status}`)
      return body
    },
    async forget(partition: number): Promise<void> {
      await stub(partition).fetch('https://partition/forget', { method: 'POST' })
    },
  }
}
