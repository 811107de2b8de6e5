import type { InputFormatSpec } from './input-format.ts'

/** how much of an input's start detection reads */
export const SNIFF_BYTES = 4096

/**
 * A table of input formats and the ways to pick one: by name, by an upload's media type, by a file name's
 * ending, or by the look of the input's start. Names must each mean one format; a media type or an ending
 * may be shared (ISO 20022 messages are all `.xml` and `application/xml`), and the input's start then decides.
 */
export class FormatRegistry<F extends InputFormatSpec = InputFormatSpec> {
  readonly #byName = new Map<string, F>()
  readonly #byMediaType = new Map<string, F[]>()
  readonly #byExtension = new Map<string, F[]>()

  constructor(readonly formats: readonly F[]) {
    for (const f of formats) {
      const taken = this.#byName.get(f.name)
      if (taken) throw new Error(`input formats ${taken.name} and ${f.name} both claim the name "${f.name}"`)
      this.#byName.set(f.name, f)
      for (const m of f.mediaTypes) share(this.#byMediaType, m, f)
      for (const e of f.extensions) share(this.#byExtension, e, f)
    }
  }

  get names(): F['name'][] {
    return this.formats.map((f) => f.name)
  }

  /** the format of that name (typed as that very format when the name is known at compile time) */
  named<N extends string>(name: N): Extract<F, { name: N }> | (string extends N ? F : never) | undefined {
    return this.#byName.get(name) as Extract<F, { name: N }> | undefined
  }

  /** the format of a Content-Type header value (parameters such as charset ignored); `head` decides a shared one */
  forMediaType(contentType: string, head?: Uint8Array): F | undefined {
    return pick(this.#byMediaType.get(contentType.split(';')[0]!.trim().toLowerCase()), head)
  }

  /** whether the media type is shared by several formats, so the body's start must be read to choose */
  mediaTypeNeedsHead(contentType: string): boolean {
    return (this.#byMediaType.get(contentType.split(';')[0]!.trim().toLowerCase())?.length ?? 0) > 1
  }

  /** the format a file name's ending says; `head` decides a shared ending */
  forPath(path: string, head?: Uint8Array): F | undefined {
    const dot = path.lastIndexOf('.')
    return dot < 0 ? undefined : pick(this.#byExtension.get(path.slice(dot).toLowerCase()), head)
  }

  /** the first format, in table order, whose sniff accepts the start of `head` */
  sniff(head: Uint8Array): F | undefined {
    return sniffAmong(this.formats, head)
  }

  /** a file's format: its name's ending, else the look of its first bytes, else the first format */
  detect(path: string, head: Uint8Array | undefined): F {
    return this.forPath(path, head) ?? (head && this.sniff(head)) ?? this.formats[0]!
  }

  /** "ndjson or csv", for help and messages */
  namesText(): string {
    return orList(this.names)
  }

  /** the media types the formats document (each one's first, once), e.g. "application/x-ndjson or text/csv" */
  mediaTypesText(): string {
    return orList([...new Set(this.formats.map((f) => f.mediaTypes[0]!))])
  }
}

/** one format of those sharing a key: the only one, else the first whose sniff accepts `head`, else the first */
function pick<F extends InputFormatSpec>(candidates: F[] | undefined, head: Uint8Array | undefined): F | undefined {
  if (!candidates || candidates.length < 2) return candidates?.[0]
  return (head && sniffAmong(candidates, head)) ?? candidates[0]
}

function sniffAmong<F extends InputFormatSpec>(formats: readonly F[], head: Uint8Array): F | undefined {
  const text = new TextDecoder().decode(head.subarray(0, SNIFF_BYTES))
  const start = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const line = firstLine(start)
  return line === undefined ? undefined : formats.find((f) => f.sniff(line, start))
}

function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

function share<F extends InputFormatSpec>(map: Map<string, F[]>, key: string, format: F): void {
  const list = map.get(key)
  if (list) list.push(format)
  else map.set(key, [format])
}

function firstLine(text: string): string | undefined {
  for (const line of text.split('\n')) if (line.trim() !== '') return line.endsWith('\r') ? line.slice(0, -1) : line
  return undefined
}
