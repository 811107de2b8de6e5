import { join } from 'node:path'
import { emailAddress, phoneNumber, walletAddress } from './parties.ts'
import { Rng } from './prng.ts'
import type { Indicator } from './typologies/context.ts'
import { LineSink, csvField } from './writer.ts'

const DECOY_NOTES: Record<Indicator['type'], string> = {
  phone: 'referral: number seen in a seized phone',
  handle: 'handle reported by a platform for smuggling adverts',
  wallet: 'wallet advertised for "travel" payments',
  email: 'advert: travel to Europe, contact address',
}

/**
 * indicators.csv: the planted contacts (R32) mixed with decoys that never transact, so a rule has to match
 * values, not simply trust that every listed value is active.
 */
export async function writeIndicators(dir: string, seed: number, planted: readonly Indicator[]): Promise<number> {
  const rng = Rng.derive(seed, 'indicators')
  const decoys: Indicator[] = []
  for (let i = 0, n = planted.length * 2 + 5; i < n; i++) {
    const type = rng.weighted([['phone', 4], ['handle', 2], ['wallet', 2], ['email', 1]] as const)
    const value =
      type === 'phone' ? phoneNumber(rng, rng.pick(['LY', 'TR', 'FR', 'RS', 'MX', 'IQ', 'GR']))
      : type === 'handle' ? `@${rng.pick(['safe', 'euro', 'uk', 'road'])}_${rng.pick(['trip', 'way', 'boat'])}${rng.int(1000, 9999)}`
      : type === 'wallet' ? walletAddress(rng)
      : emailAddress(rng, rng.pick(['trip', 'travel', 'passage']), rng.pick(['europa', 'ukway', 'boat']))
    decoys.push({ type, value, source: rng.pick(['osint-ad', 'le-referral']), note: DECOY_NOTES[type] })
  }
  const all = rng.shuffle([...planted, ...decoys])
  const sink = new LineSink(join(dir, 'indicators.csv'))
  await sink.write('type,value,source,note\n' + all.map((i) => [i.type, i.value, i.source, i.note].map(csvField).join(',') + '\n').join(''))
  await sink.close()
  return all.length
}
