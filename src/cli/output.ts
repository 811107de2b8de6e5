import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'

/** Lines to a file or stdout, respecting backpressure so a fast screener cannot outrun the disk. */
export class LineWriter {
  private readonly stream: NodeJS.WritableStream
  private readonly ownsStream: boolean

  constructor(path?: string) {
    this.ownsStream = path !== undefined && path !== '-'
    this.stream = this.ownsStream ? createWriteStream(path!) : process.stdout
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain')
  }

  async close(): Promise<void> {
    if (!this.ownsStream) return
    const s = this.stream as WriteStream
    s.end()
    await once(s, 'finish')
  }
}
