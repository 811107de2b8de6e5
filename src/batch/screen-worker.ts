import { parentPort, workerData } from 'node:worker_threads'
import { compileRuleset, recordParser, Screener, ScreeningError, type Hit } from '../core/index.ts'
import type { HitsMessage, LinesMessage, WorkerSetup } from './messages.ts'

// A screening thread: decodes the same lines as the main thread (decoding is deterministic, so both see
// the same records) and runs its share of the rules over every record, in input order.
const setup = workerData as WorkerSetup
const compiled = compileRuleset(setup.sources)
if (!compiled.ok || compiled.ruleset.version !== setup.version) {
  throw new Error('the rule files changed while the batch started; run it again')
}
const screener = new Screener(compiled.ruleset, { rules: setup.rules })
const parser = recordParser(setup.format)

parentPort!.on('message', (msg: LinesMessage) => {
  const parsed = parser.push(msg.lines)
  const hits: [number, Hit[]][] = []
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i]!
    if (!p.ok) continue
    try {
      const h = screener.hits(p.record)
      if (h.length > 0) hits.push([i, h])
    } catch (err) {
      // the main thread turns the same record into its error line
      if (!(err instanceof ScreeningError)) throw err
    }
  }
  parentPort!.postMessage({ hits } satisfies HitsMessage)
})
