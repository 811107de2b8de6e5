// What the real-time service pays per call to remember a transfer id once it holds its limit of recent ids
// (LiveScreening keeps 200,000 to answer retries): evicting the oldest from a plain Map against RecentMap
// (src/service/recent-map.ts).
//   npx tsx bench/recent-ids.ts [--ids N] [--calls N]
import { parseArgs } from 'node:util'
import { RecentMap } from '../src/service/recent-map.ts'

const { values } = parseArgs({ options: { ids: { type: 'string', default: '200000' }, calls: { type: 'string', default: '300000' } } })
const limit = Number(values.ids)
const calls = Number(values.calls)

function perCall(remember: (id: string) => void): number {
  let n = 0
  for (; n < limit; n++) remember(`warm-${n}`)
  const started = performance.now()
  for (let i = 0; i < calls; i++) remember(`call-${n++}`)
  return ((performance.now() - started) * 1000) / calls
}

const map = new Map<string, number>()
const plain = perCall((id) => {
  map.set(id, 1)
  if (map.size > limit) map.delete(map.keys().next().value!)
})
const ring = new RecentMap<number>(limit)
const recent = perCall((id) => ring.set(id, 1))
console.log(`${limit.toLocaleString('en-US')} ids held, ${calls.toLocaleString('en-US')} calls: Map with keys().next() eviction ${plain.toFixed(2)} us a call, RecentMap ${recent.toFixed(2)} us`)
