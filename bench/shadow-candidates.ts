// The candidate rule sets the shadow benches run beside the default pack (the active set):
//   tuned      the default pack as an analyst tunes it: fan-out from 5 beneficiaries (for 6), velocity-burst from 6
//              transfers (for 8), fan-in and cycle weighted 1.2, review from 35 (for 40), and one rule added
//              (velocity-burst-receiver, the same burst seen from the receiver); 5 of its 51 rules differ, 2 of
//              them by their weight alone, so the shadow runs 3 and takes the other 48's hits from the active
//              screening, fan-in's and cycle's with their scores rescaled (src/service/shadow-plan.ts)
//   different  the tuned set with a lateness of 2h (for 1h): every rule keeps other state, so the shadow runs all 51
//   review35   the default pack with review from 35 alone (the benches' candidate before): no rule differs
import { join } from 'node:path'
import { compileRuleset, type CompiledRuleset, type RuleSource } from '../src/core/index.ts'
import { planShadow, type ShadowPlan } from '../src/service/shadow-plan.ts'
import { readRuleSources } from '../src/rules-fs.ts'

export const CANDIDATES = ['tuned', 'different', 'review35'] as const
export type CandidateName = (typeof CANDIDATES)[number]

const ROOT = new URL('..', import.meta.url).pathname

function edit(text: string, from: RegExp | string, to: string): string {
  const out = text.replace(from, to)
  if (out === text) throw new Error(`the default pack no longer has ${String(from)}: update bench/shadow-candidates.ts`)
  return out
}

export async function candidateFiles(name: CandidateName): Promise<RuleSource[]> {
  const files = await readRuleSources(join(ROOT, 'rules/default'))
  const byName = (f: RuleSource) => f.path.split('/').pop()!
  const out = files.map((f) => {
    const file = byName(f)
    if (file === 'ruleset.yaml') {
      let text = edit(f.text, /review: 40\b/, 'review: 35')
      if (name === 'review35') return { ...f, text }
      text = edit(text, 'fan-in: { weight: 1 }', 'fan-in: { weight: 1.2 }')
      text = edit(text, 'cycle: { weight: 1 }', 'cycle: { weight: 1.2 }')
      text = edit(text, 'velocity-burst: { weight: 1 }', 'velocity-burst: { weight: 1 }\n  velocity-burst-receiver: { weight: 1 }')
      if (name === 'different') text = edit(text, /^lateness: 1h$/m, 'lateness: 2h')
      return { ...f, text }
    }
    if (name === 'review35') return f
    if (file === 'fan-out.yaml') return { ...f, text: edit(f.text, '- { from: 6, below: 10, score: 40 }', '- { from: 5, below: 10, score: 40 }') }
    if (file === 'velocity-burst.yaml') return { ...f, text: edit(f.text, '- { from: 8, score: 45 }', '- { from: 6, score: 45 }') }
    return f
  })
  if (name === 'review35') return out
  const burst = files.find((f) => byName(f) === 'velocity-burst.yaml')!
  const added = edit(edit(edit(burst.text, 'id: velocity-burst\n', 'id: velocity-burst-receiver\n'), 'entity: sender.id', 'entity: receiver.id'), /sender\.type: \{ not_in: \[business, msb\] \}/, 'receiver.type: { not_in: [business, msb] }')
  return [...out, { path: join(ROOT, 'rules/default/velocity-burst-receiver.yaml'), text: added }]
}

/** The default pack and a candidate (by its --candidate name), compiled, and the shadow's plan beside the pack. */
export async function compiledCandidate(name: string): Promise<{ active: CompiledRuleset; candidate: CompiledRuleset; plan: ShadowPlan; reuse: Set<string> }> {
  if (!CANDIDATES.includes(name as CandidateName)) throw new Error(`--candidate: one of ${CANDIDATES.join(', ')}`)
  const compile = (files: RuleSource[]): CompiledRuleset => {
    const r = compileRuleset(files)
    if (!r.ok) throw new Error('does not compile')
    return r.ruleset
  }
  const active = compile(await readRuleSources())
  const candidate = compile(await candidateFiles(name as CandidateName))
  const plan = planShadow(active, candidate)
  return { active, candidate, plan, reuse: new Set(plan.reuse) }
}
