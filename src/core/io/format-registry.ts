import type { InputFormatSpec } from './input-format.ts'

/** how much of an input's start detection reads for its first line */
const SNIFF_BYTES = 4096

/**
 * A table of input formats and the ways to pick one: by name, by an upload's media type, by a file name's
 * ending, or by the look of the input's first line. Names, media types and endings must each mean one format.
 */
export class FormatRegistry<F extends InputFormatSpec = InputFormatSpec> {
  readonly #byName = new Map<string, F>()
  readonly #byMediaType = new Map<string, F>()
  readonly #byExtension = new Map<string, F>()

  constructor(readonly formats: readonly F[]) {
    for (const f of formats) {
      claim(this.#byName, f.name, f, 'name')
      for (const m of f.mediaTypes) claim(this.#byMediaType, m, f, 'media type')
      for (const e of f.extensions) claim(this.#byExtension, e, f, 'file extension')
    }
  }

  get names(): F['name'][] {
    return this.formats.map((f) => f.name)
  }

  named(name: string): F | undefined {
    return this.#byName.get(name)
  }

  /** the format of a Content-Type header value (parameters such as charset ignored) */
  forMediaType(contentType: string): F | undefined {
    return this.#byMediaType.get(contentType.split(';')[0]!.trim().toLowerCase())
  }

  /** the format a file name's ending says */
  forPath(path: string): F | undefined {
    const dot = path.lastIndexOf('.')
    return dot < 0 ? undefined : this.#byExtension.get(path.slice(dot).toLowerCase())
  }

  /** the first format, in table order, whose sniff accepts the first non-blank line of `head` */
  sniff(head: Uint8Array): F | undefined {
    const line = firstLine(new TextDecoder().decode(head.subarray(0, SNIFF_BYTES)))
    return line === undefined ? undefined : this.formats.find((f) => f.sniff(line))
  }

  /** a file's format: its name's ending, else the look of its first bytes, else the first format */
  detect(path: string, head: Uint8Array | undefined): F {
    return this.forPath(path) ?? (head && this.sniff(head)) ?? this.formats[0]!
  }

  /** "ndjson or csv", for help and messages */
  namesText(): string {
    return orList(this.names)
  }

  /** the media type each format documents (its first), e.g. "application/x-ndjson or text/csv" */
  mediaTypesText(): string {
    return orList(this.formats.map((f) => f.mediaTypes[0]!))
  }
}

function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

function claim<F extends InputFormatSpec>(map: Map<string, F>, key: string, format: F, what: string): void {
  const taken = map.get(key)
  if (taken) throw new Error(`input formats ${taken.name} and ${format.name} both claim the ${what} "${key}"`)
  map.set(key, format)
}

function firstLine(text: string): string | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  for (const line of text.slice(start).split('\n')) if (line.trim() !== '') return line.endsWith('\r') ? line.slice(0, -1) : line
  return undefined
}
