import { parentPort, workerData } from 'node:worker_threads'
import { compileRuleset, Screener, ScreeningError, type Hit } from '../core/index.ts'
import { BlockDecoder } from './block-decoder.ts'
import type { BytesMessage, HitsMessage, ShareMessage, WorkerSetup } from './messages.ts'

// A screening thread: started before the batch is read (starting a thread and compiling takes about a
// second), it waits for its share of the rules, then decodes the same bytes as the main thread (decoding is
// deterministic, so both see the same records) and runs its rules over every record, in input order.
const setup = workerData as WorkerSetup
const compiled = compileRuleset(setup.sources)
if (!compiled.ok) throw new Error('the rule files changed while the batch started; run it again')
const ruleset = compiled.ruleset
const decoder = new BlockDecoder(setup.format)
let screener: Screener | undefined

parentPort!.on('message', (msg: ShareMessage | BytesMessage) => {
  if ('share' in msg) {
    if (msg.share.version !== ruleset.version) throw new Error('the rule files changed while the batch started; run it again')
    screener = new Screener(ruleset, { rules: msg.share.rules })
    return
  }
  const hits: [number, Hit[]][] = []
  let i = 0
  for (const slice of decoder.slices(msg.bytes)) {
    for (const p of slice) {
      const at = i++
      if (!p.ok) continue
      try {
        const h = screener!.hits(p.record)
        if (h.length > 0) hits.push([at, h])
      } catch (err) {
        // the main thread turns the same record into its error line
        if (!(err instanceof ScreeningError)) throw err
      }
    }
  }
  parentPort!.postMessage({ hits } satisfies HitsMessage)
})
