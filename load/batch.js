// k6 run load/batch.js -e BASE_URL=http://127.0.0.1:8787 -e API_KEY=txs_...
// Concurrent NDJSON uploads to POST /v1/batches as in load/scenarios.json; `npm run load` runs the same here.
import http from 'k6/http'
import { ndjsonBody, transferSource } from './lib/payload.js'

const s = JSON.parse(open('./scenarios.json'))
const c = s.batch

export const options = {
  scenarios: {
    batch: {
      executor: 'shared-iterations',
      vus: c.concurrency,
      iterations: c.uploads,
      maxDuration: `${c.duration}s`,
    },
  },
  thresholds: {
    http_req_duration: [`p(95)<${c.thresholds.p95_ms}`, `p(99)<${c.thresholds.p99_ms}`],
    http_req_failed: [`rate<=${c.thresholds.error_rate}`],
  },
  summaryTrendStats: ['avg', 'p(50)', 'p(95)', 'p(99)', 'max'],
}

const runId = Date.now().toString(36)
let next

export default function () {
  if (!next) next = transferSource(s.payload.seed + 1 + __VU, s.payload.accounts, `k6b-${runId}-${__VU}`)
  http.post(`${__ENV.BASE_URL}${c.endpoint}`, ndjsonBody(next, c.records_per_upload), {
    headers: { authorization: `Bearer ${__ENV.API_KEY}`, 'content-type': 'application/x-ndjson' },
    timeout: `${c.duration}s`,
  })
}
