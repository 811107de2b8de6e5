// The pass-through, the floor for batch screening (issue 21): read lines of NDJSON, JSON.parse each,
// JSON.stringify a minimal verdict, write it; no validation, no rules. Uses the same file reading and line
// splitting as `txscreen batch`, so the ratio isolates screening. `npm run bench` runs it in the same run.
import { writeFile } from 'node:fs/promises'
import { openByteBlocks } from '../src/batch/line-source.ts'
import { LineSplitter, type TextLine } from '../src/core/index.ts'
import { LineWriter } from '../src/cli/output.ts'

const [input, out, summaryFile] = process.argv.slice(2)
if (!input || !out || !summaryFile) {
  process.stderr.write('usage: tsx bench/pass-through.ts <records.ndjson> <out.ndjson> <summary.json>\n')
  process.exit(2)
}
const started = performance.now()
const source = await openByteBlocks(input)
const splitter = new LineSplitter()
const writer = new LineWriter(out)
let records = 0
async function writeVerdicts(lines: TextLine[]): Promise<void> {
  let text = ''
  for (const { text: line } of lines) {
    if (line.length === 0) continue
    const record = JSON.parse(line) as { id?: unknown }
    records++
    text += JSON.stringify({ id: record.id, score: 0, decision: 'clear', hits: [], ruleset: 'pass-through' }) + '\n'
  }
  await writer.write(text)
}
for await (const block of source.blocks) await writeVerdicts(splitter.push(block))
await writeVerdicts(splitter.end())
await writer.close()
const elapsedSeconds = (performance.now() - started) / 1000
await writeFile(summaryFile, JSON.stringify({ records, elapsedSeconds, recordsPerSecond: Math.round(records / elapsedSeconds) }))
