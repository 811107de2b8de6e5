// Deterministic transfer records for load tests, shared by the k6 scripts and `npm run load`.
// Plain JavaScript without imports, because k6 runs it as well as Node.

/** mulberry32: a small seeded PRNG, the same numbers on every runtime */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CHANNELS = ['wire', 'ach', 'money_transfer', 'mobile_money', 'cash']
const COUNTRIES = ['GB', 'US', 'DE', 'TR', 'IQ', 'FR', 'GR', 'NL']
const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'GBP']

/**
 * A generator of valid transfers between `accounts` accounts, with unique ids (prefix + counter) and
 * event times that advance a few seconds per record, so entity history builds up as it would in production.
 */
export function transferSource(seed, accounts, prefix) {
  const rand = prng(seed)
  const start = Date.parse('2026-03-01T00:00:00Z')
  let n = 0
  const party = (i) => ({
    id: `acc-${i}`,
    name: `Account Holder ${i}`,
    type: i % 7 === 0 ? 'business' : 'person',
    country: COUNTRIES[i % COUNTRIES.length],
    phone: `+4477009${String(i % 100000).padStart(5, '0')}`,
  })
  return () => {
    n++
    const from = Math.floor(rand() * accounts)
    const to = (from + 1 + Math.floor(rand() * (accounts - 1))) % accounts
    return {
      id: `${prefix}-${n}`,
      timestamp: new Date(start + n * 2000).toISOString().replace('.000Z', 'Z'),
      amount: (10 + rand() * 9990).toFixed(2),
      currency: CURRENCIES[Math.floor(rand() * CURRENCIES.length)],
      channel: CHANNELS[Math.floor(rand() * CHANNELS.length)],
      sender: party(from),
      receiver: party(to),
      reference: rand() < 0.05 ? 'crossing fee' : `invoice ${n}`,
    }
  }
}

/** `count` records as one NDJSON body */
export function ndjsonBody(next, count) {
  let body = ''
  for (let i = 0; i < count; i++) body += JSON.stringify(next()) + '\n'
  return body
}

/**
 * One line of `txscreen generate` output with its id made unique to a run (`prefix-` in front), so a run against
 * a server that has screened the file before is screened again rather than answered as a retry.
 */
export function uniqueRecordLine(line, prefix) {
  const head = '{"id":"'
  if (line.startsWith(head)) return `${head}${prefix}-${line.slice(head.length)}`
  const record = JSON.parse(line)
  record.id = `${prefix}-${record.id}`
  return JSON.stringify(record)
}
