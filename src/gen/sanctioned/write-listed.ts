import { join } from 'node:path'
import type { ListedParty } from '../typologies/sanctioned-name.ts'
import { LineSink, csvField } from '../writer.ts'

export const LISTED_HEADER = 'instance_id,party_id,written,variant,list,entry_id,listed'

/**
 * listed.csv: for each planted sanctioned_name instance, the party that is a listed person, the name as written,
 * the kind of variant and the list entry it is, so a test can ask whether screening found the right entry.
 */
export async function writeListed(dir: string, listed: readonly (ListedParty & { instanceId: string })[]): Promise<void> {
  const sink = new LineSink(join(dir, 'listed.csv'))
  const rows = listed.map((l) => [l.instanceId, l.partyId, l.written, l.variant, l.list, l.entryId, l.listed].map(csvField).join(',') + '\n')
  await sink.write(`${LISTED_HEADER}\n${rows.join('')}`)
  await sink.close()
}
