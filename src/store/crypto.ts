// node:crypto's hash is synchronous, where WebCrypto's digest goes through a job queue on every authenticated
// call; Workers provide it too, with the nodejs_compat flag (wrangler.toml)
import * as nodeCrypto from 'node:crypto'

const { createHash } = nodeCrypto
// Node's one-shot hash (20.12+) skips the Hash object createHash builds: about a third of its CPU on a key-sized
// input. Looked up rather than imported by name, since Workers' node:crypto may not have it.
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += HEX[b]
  return out
}

export async function sha256Hex(text: string): Promise<string> {
  return sha256HexSync(text)
}

export function sha256HexSync(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text, 'utf8').digest('hex')
}

/** Random lower-case hex of `bytes` bytes of entropy. */
export function randomHex(bytes: number): string {
  return toHex(crypto.getRandomValues(new Uint8Array(bytes)))
}

/**
 * Passes a byte stream through unchanged while hashing it: `digest()` is the SHA-256 of every byte that went
 * through, once the stream has ended (an upload's fingerprint, taken while it is stored or screened).
 */
export function hashingStream(): { stream: TransformStream<Uint8Array, Uint8Array>; digest(): string } {
  const hash = createHash('sha256')
  let hex: string | undefined
  return {
    stream: new TransformStream({
      transform(chunk, controller) {
        hash.update(chunk)
        controller.enqueue(chunk)
      },
    }),
    digest: () => (hex ??= hash.digest('hex')),
  }
}

/** SHA-256 of a whole stream, read to its end. */
export async function sha256OfStream(body: ReadableStream<Uint8Array>): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk)
  return hash.digest('hex')
}
