import { parentPort, workerData } from 'node:worker_threads'
// the modules the worker runs, not the core's index: a worker loads (and compiles) only what it needs, inside the batch's time
import { compileRuleset } from '../core/rules/compile-ruleset.ts'
import { Screener, ScreeningError } from '../core/screen/screener.ts'
import type { Hit } from '../core/screen/verdict.ts'
import type { CpuMessage, CpuRequest, HitsMessage, RecordsMessage, ShareMessage, WorkerSetup } from './messages.ts'
import { RecordDecoder } from './record-codec.ts'
import { HeapPacer } from './heap-pacer.ts'
import { threadCpuSeconds } from './thread-cpu.ts'

// A screening thread: started before the batch is read (so that starting it and compiling the rules overlap
// the main thread's own start), it waits for its share of the rules, then runs them over every record the
// main thread decoded and hands over, in input order.
const setup = workerData as WorkerSetup
const compiled = compileRuleset(setup.sources, setup.parsed ? { parsed: new Map(setup.parsed) } : {})
if (!compiled.ok) throw new Error('the rule files changed while the batch started; run it again')
const ruleset = compiled.ruleset
const decoder = new RecordDecoder()
let screener: Screener | undefined
/** this thread's CPU time when it got its share: what it spends screening is counted from there */
let cpuAtShare: number | undefined
/** wall time with nothing to screen since the share, in ms: from the share or the last answer to the next records */
let idleMs = 0
let answeredAt: number | undefined
const pacer = new HeapPacer()

parentPort!.on('message', (msg: ShareMessage | RecordsMessage | CpuRequest) => {
  if ('share' in msg) {
    if (msg.share.version !== ruleset.version) throw new Error('the rule files changed while the batch started; run it again')
    screener = new Screener(ruleset, { rules: msg.share.rules })
    cpuAtShare = threadCpuSeconds()
    answeredAt = performance.now()
    return
  }
  if ('cpu' in msg) {
    const now = threadCpuSeconds()
    parentPort!.postMessage({ cpuSeconds: now === undefined || cpuAtShare === undefined ? undefined : now - cpuAtShare, idleSeconds: idleMs / 1000 } satisfies CpuMessage)
    return
  }
  if (answeredAt !== undefined) idleMs += performance.now() - answeredAt
  const hits: [number, Hit[]][] = []
  let i = 0
  for (const record of decoder.lines(msg.records)) {
    const at = i++
    if (record === undefined) continue
    try {
      const h = screener!.hits(record)
      if (h.length > 0) hits.push([at, h])
    } catch (err) {
      // the main thread turns the same record into its error line
      if (!(err instanceof ScreeningError)) throw err
    }
  }
  parentPort!.postMessage({ hits } satisfies HitsMessage)
  pacer.screened(i)
  answeredAt = performance.now()
})
