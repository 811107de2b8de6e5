import { csv } from './csv.ts'
import { FormatRegistry } from './format-registry.ts'
import { ndjson } from './ndjson.ts'
import { pacs008 } from './pacs008.ts'
import { pain001 } from './pain001.ts'

/** The input formats, in the order detection tries their sniffs. A new format is its file and a line here. */
const FORMATS = [ndjson, pacs008, pain001, csv] as const

/** the name of an input format */
export type InputFormat = (typeof FORMATS)[number]['name']

export const inputFormats = new FormatRegistry<(typeof FORMATS)[number]>(FORMATS)
