import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileRuleset, InProcessEngine, Screener, screenBytes } from '../../../src/core/index.ts'
import { loadWatchlists } from '../../../src/cli/load-ruleset.ts'
import { openInput } from '../../../src/cli/input-source.ts'
import { parseLabels } from '../../../src/eval/labels.ts'
import { screenLabelled } from '../../../src/eval/screen-labelled.ts'
import type { EvalReport } from '../../../src/eval/tally.ts'
import { readRuleSources } from '../../../src/rules-fs.ts'

/**
 * The sanctions lists screened as an FIU would (`--list ofac-csv:… --list un-xml:…`): the vendored subsets, whose
 * OFAC part is the generator's default source of listed people (the sanctioned_name typology)
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
export const SANCTIONS_LISTS = [`ofac-csv:${join(repoRoot, 'fixtures/lists/ofac-sdn-2019')}`, `un-xml:${join(repoRoot, 'fixtures/lists/un/UN_consolidated.xml')}`]

/** The shipped pack's evaluation on a generated folder (records.ndjson, labels.csv, indicators.csv), as `txscreen eval` gives it. */
export async function evaluatePack(dir: string): Promise<EvalReport> {
  const result = compileRuleset(await readRuleSources())
  if (!result.ok) throw new Error('the pack does not compile')
  const watchlists = await loadWatchlists([`indicators-csv:${join(dir, 'indicators.csv')}`, ...SANCTIONS_LISTS])
  const screener = new Screener(result.ruleset, watchlists ? { watchlists } : {})
  const labels = parseLabels(await readFile(join(dir, 'labels.csv'), 'utf8'))
  const source = await openInput(join(dir, 'records.ndjson'), undefined)
  return screenLabelled(screenBytes(source.blocks, source.format, new InProcessEngine(screener)), labels)
}
