import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../../bin/txscreen.js', import.meta.url))

/**
 * `txscreen worker --nats URL --run RUN` processes started by `batch --local-workers N`, ended with the batch.
 * Each has an IPC channel to the batch: when the batch dies (even by SIGKILL) the channel closes and the worker
 * hands its partitions back and exits, rather than serve a run whose router may never come back.
 */
export class LocalWorkers {
  readonly children: ChildProcess[]

  constructor(count: number, url: string, run: string) {
    this.children = Array.from({ length: count }, () =>
      spawn(process.execPath, [BIN, 'worker', '--nats', url, '--run', run, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
    )
    // the channels must not keep the batch's event loop alive
    for (const c of this.children) c.channel?.unref()
  }

  /** ends the workers that are still running */
  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve()
            c.once('exit', () => resolve())
            c.kill('SIGTERM')
          }),
      ),
    )
  }
}
