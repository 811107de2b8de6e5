import { formatRuleIssue } from '../../core/index.ts'
import { readRuleSources } from '../../rules-fs.ts'
import type { RulesetService } from '../../service/rulesets.ts'
import type { Db } from '../../store/db.ts'
import { activeRulesetVersion } from '../../store/rulesets.ts'

/** On a store with no active rule set, publishes and activates the pack in `dir` (default: the shipped rules/default/). */
export async function ensureActiveRuleset(db: Db, rulesets: RulesetService, dir?: string): Promise<string> {
  const active = await activeRulesetVersion(db)
  if (active) return active
  const files = await readRuleSources(dir)
  const published = await rulesets.publish(db, files, { actor: 'system (first start)', activate: true })
  if (!published.ok) throw new Error(`the default rule pack does not compile:\n${published.issues.map(formatRuleIssue).join('\n')}`)
  return published.version
}
