import type { Screener, TransferRecord } from '../core/index.ts'
import type { Db } from '../store/db.ts'
import { loadEventPage } from '../store/realtime-store.ts'
import { observeTransfer } from './observe-transfer.ts'

const PAGE_ROWS = 10_000

/**
 * Replays the stored entity events from `from` (epoch ms) on into `screener`, in the order they were stored,
 * each transfer once; `skip` leaves out transfers the caller replays itself, `seen` is told each one taken.
 * Shared by the live state's warm-up and the shadow's, so both windows start from the same history.
 */
export async function replayEvents(
  db: Db,
  screener: Pick<Screener, 'observe'>,
  from: number,
  options: { seen: Set<string>; skip?: (eventId: string) => boolean; taken?: (eventId: string, occurredAt: number) => void },
): Promise<void> {
  const { seen, skip, taken } = options
  let after: { occurredAt: Date; id: string } | undefined
  for (;;) {
    const page = await loadEventPage(db, from, after, PAGE_ROWS)
    for (const row of page) {
      if (seen.has(row.eventId) || skip?.(row.eventId)) continue
      seen.add(row.eventId)
      observeTransfer(screener, row.record as TransferRecord)
      taken?.(row.eventId, row.occurredAt.getTime())
    }
    if (page.length < PAGE_ROWS) return
    const last = page[page.length - 1]!
    after = { occurredAt: last.occurredAt, id: last.id }
  }
}
