import { parentPort, workerData } from 'node:worker_threads'
import { compileRuleset } from '../../core/index.ts'
import { observeTransfer } from '../../service/observe-transfer.ts'
import { ShadowScreening } from '../../service/shadow-outcome.ts'
import { lowerThisThreadsPriority } from './lowest-priority.ts'
import type { ShadowThreadReply, ShadowThreadRequest, ShadowThreadSetup } from './shadow-thread-messages.ts'

// The shadow rule set's thread: compiles the rule files it is started with, takes the warm-up history, then
// screens the settled calls the main thread posts, in order, and answers each batch with compact outcomes.
const setup = workerData as ShadowThreadSetup
// the shadow only takes CPU the answers do not need: it may fall behind (and drop calls, counted), they may not
lowerThisThreadsPriority()
const compiled = compileRuleset(setup.files)
if (!compiled.ok) throw new Error(`shadow rule set ${setup.version} did not compile in its thread`)
const screening = new ShadowScreening(compiled.ruleset, setup.plan)

parentPort!.on('message', (msg: ShadowThreadRequest) => {
  if ('observe' in msg) {
    for (const record of msg.observe) observeTransfer(screening.screener, record)
    return
  }
  if ('warmed' in msg) return parentPort!.postMessage({ warmed: true } satisfies ShadowThreadReply)
  parentPort!.postMessage({ outcomes: msg.calls.map(([record, active, reused]) => screening.outcome(record, active, reused)) } satisfies ShadowThreadReply)
})
