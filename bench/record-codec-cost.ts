// What handing records to screening workers costs (issue 21), in process CPU a record: the file is decoded
// (split, parsed, validated: the main thread's own work), then per 128-line slice the main thread's encoding,
// a structured clone with the tokens transferred (what postMessage does to the message) and the worker's decoding.
//   npx tsx bench/record-codec-cost.ts FILE [--rounds R]
import { parseArgs } from 'node:util'
import { RecordDecoder, RecordEncoder } from '../src/batch/record-codec.ts'
import { openInput } from '../src/cli/input-source.ts'
import { decodeBlocks, type ParsedLine } from '../src/core/index.ts'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '5' } } })
const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const source = await openInput(positionals[0]!, undefined)
const slices: ParsedLine[][] = []
const t = cpuMs()
for await (const slice of decodeBlocks(source.blocks, source.format)) slices.push(slice)
const n = slices.reduce((a, s) => a + s.length, 0)
const us = (ms: number) => ((ms * 1000) / n).toFixed(2)
console.log(`${n.toLocaleString('en-US')} records; split, parse and validate ${us(cpuMs() - t)} µs a record`)
for (let round = 0; round < Number(values.rounds); round++) {
  const encoder = new RecordEncoder()
  const decoder = new RecordDecoder()
  let encode = 0
  let clone = 0
  let decode = 0
  for (const slice of slices) {
    const t0 = cpuMs()
    const records = encoder.encode(slice)
    const t1 = cpuMs()
    const copy = structuredClone({ records }, { transfer: [records.tokens.buffer as ArrayBuffer] })
    const t2 = cpuMs()
    decoder.lines(copy.records)
    decode += cpuMs() - t2
    clone += t2 - t1
    encode += t1 - t0
  }
  console.log(`round ${round + 1}: encode ${us(encode)}, clone ${us(clone)}, decode ${us(decode)} µs a record`)
}
