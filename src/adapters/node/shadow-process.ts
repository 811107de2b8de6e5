import { fork, type ChildProcess } from 'node:child_process'
import type { RuleSource, TransferRecord } from '../../core/index.ts'
import type { ShadowPlan } from '../../service/shadow-plan.ts'
import type { ShadowOutcomes, ShadowThread, ShadowThreadFactory } from '../../service/shadow-thread-port.ts'
import type { ShadowProcessReply, ShadowProcessRequest, ShadowProcessSetup } from './shadow-process-messages.ts'

/**
 * The shadow rule set's screening in a child process whose every thread runs at the lowest priority (its V8
 * garbage-collector and compiler threads too, which a worker thread shares with the event loop at normal priority),
 * and which, on PostgreSQL, writes the kept rows itself over its own connection: the event loop only sends each
 * batch of settled calls down a pipe and tallies the compact outcomes (BENCHMARKS.md "Shadow rule set").
 */
class ProcessShadowThread implements ShadowThread {
  readonly #child: ChildProcess
  readonly #waiting: { resolve(reply: ShadowProcessReply): void; reject(err: Error): void }[] = []
  #failure: Error | undefined

  constructor(setup: ShadowProcessSetup, log: ((message: string) => void) | undefined, execArgv: readonly string[]) {
    // no inspector or loader flags of the parent's (the entry registers tsx itself); V8's compiler and collector
    // on the process's one thread, as nothing waits on its latency: about 8 µs a call less CPU (BENCHMARKS.md shadow26)
    this.#child = fork(new URL('./shadow-process-entry.mjs', import.meta.url), [], { execArgv: ['--single-threaded', ...execArgv], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    // the service's exit never waits for the shadow, unless an answer is awaited
    this.#child.unref()
    this.#child.channel?.unref()
    this.#child.on('message', (reply: ShadowProcessReply) => {
      if ('log' in reply) return log?.(reply.log)
      this.#waiting.shift()?.resolve(reply)
      if (this.#waiting.length === 0) this.#child.channel?.unref()
    })
    this.#child.on('error', (err) => this.#fail(err))
    this.#child.on('exit', (code, signal) => this.#fail(new Error(`shadow process exited with ${signal ?? `code ${code}`}`)))
    this.#post({ setup })
  }

  observe(records: TransferRecord[]): void {
    if (!this.#failure) this.#post({ observe: records })
  }

  async warmed(): Promise<void> {
    await this.#ask({ warmed: true })
  }

  async screen(calls: string): Promise<ShadowOutcomes> {
    const reply = await this.#ask({ calls })
    return 'outcomes' in reply ? reply.outcomes : { codes: new Int32Array(0), json: [] }
  }

  /** the process writes its last rows and exits once its channel closes */
  close(): void {
    this.#child.removeAllListeners('exit')
    this.#fail(new Error('shadow process closed'))
    if (this.#child.connected) this.#child.disconnect()
  }

  #ask(request: ShadowProcessRequest): Promise<ShadowProcessReply> {
    if (this.#failure) return Promise.reject(this.#failure)
    return new Promise((resolve, reject) => {
      if (this.#waiting.length === 0) this.#child.channel?.ref()
      this.#waiting.push({ resolve, reject })
      this.#post(request)
    })
  }

  #post(request: ShadowProcessRequest): void {
    if (this.#child.connected) this.#child.send(request)
  }

  #fail(err: Error): void {
    this.#failure ??= err
    for (const w of this.#waiting.splice(0)) w.reject(err)
    this.#child.channel?.unref()
  }
}

/**
 * The Node service's shadow screener. `databaseUrl`: PostgreSQL, where the process writes the kept rows itself;
 * without (PGlite lives in this process) it hands their JSON back and the runner writes them. `execArgv`: more node
 * flags for the process (bench/shadow-child.ts profiles it with --cpu-prof).
 */
export function processShadowThread(options: { databaseUrl?: string | undefined; log?: (message: string) => void; execArgv?: readonly string[] } = {}): ShadowThreadFactory {
  return (files: readonly RuleSource[], version: string, plan: ShadowPlan, shadowId: string) =>
    new ProcessShadowThread({ files, version, plan, shadowId, ...(options.databaseUrl && { databaseUrl: options.databaseUrl }) }, options.log, options.execArgv ?? [])
}
