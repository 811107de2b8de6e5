// k6 run load/screen.js -e BASE_URL=http://127.0.0.1:8787 -e API_KEY=txs_... [-e RATE=3000] [-e DURATION=30]
//   [-e RECORDS=/path/to/records.ndjson]
// POST /v1/screen at the constant arrival rate of load/scenarios.json (or RATE per second for DURATION seconds),
// with its thresholds; `npm run load -- --scenario screen [--rate N] [--seconds N]` runs the same here.
// RECORDS replays the records of `txscreen generate` (scenarios.json "generated": `txscreen generate --seed 42
// --records 200000 --accounts 8000 --out DIR`, then DIR/records.ndjson) in file order instead of the synthetic
// transfers, as `npm run load -- --traffic generated` does.
import http from 'k6/http'
import { SharedArray } from 'k6/data'
import exec from 'k6/execution'
import { transferSource, uniqueRecordLine } from './lib/payload.js'

const s = JSON.parse(open('./scenarios.json'))
const c = s.screen
const rate = Number(__ENV.RATE || c.rate)
const duration = Number(__ENV.DURATION || c.duration)

export const options = {
  scenarios: {
    screen: {
      executor: 'constant-arrival-rate',
      rate,
      timeUnit: '1s',
      duration: `${duration}s`,
      startTime: `${c.warmup}s`,
      preAllocatedVUs: c.connections,
      maxVUs: c.connections * 4,
    },
    warmup: {
      executor: 'constant-arrival-rate',
      rate,
      timeUnit: '1s',
      duration: `${c.warmup}s`,
      preAllocatedVUs: c.connections,
    },
  },
  thresholds: {
    'http_req_duration{scenario:screen}': [`p(95)<${c.thresholds.p95_ms}`, `p(99)<${c.thresholds.p99_ms}`],
    'http_req_failed{scenario:screen}': [`rate<=${c.thresholds.error_rate}`],
  },
  summaryTrendStats: ['avg', 'p(50)', 'p(95)', 'p(99)', 'max'],
}

const runId = Date.now().toString(36)
let next
const records = __ENV.RECORDS ? new SharedArray('records', () => open(__ENV.RECORDS).split('\n').filter((l) => l !== '')) : undefined

/** the i-th call of the whole test sends the i-th record, so event time moves on as in the file (warm-up first) */
function recordBody() {
  const offset = exec.scenario.name === 'screen' ? rate * c.warmup : 0
  const i = offset + exec.scenario.iterationInTest
  if (i >= records.length) exec.test.abort(`${__ENV.RECORDS} has ${records.length} records; this run needs more`)
  return uniqueRecordLine(records[i], `k6-${runId}`)
}

export default function () {
  // one record source per VU, ids unique across VUs and runs
  if (!records && !next) next = transferSource(s.payload.seed + __VU, s.payload.accounts, `k6-${runId}-${__VU}`)
  http.post(`${__ENV.BASE_URL}${c.endpoint}`, records ? recordBody() : JSON.stringify(next()), {
    headers: { authorization: `Bearer ${__ENV.API_KEY}`, 'content-type': 'application/json' },
  })
}
