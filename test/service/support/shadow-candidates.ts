import type { RuleSource } from '../../../src/core/index.ts'
import { readRuleSources } from '../../../src/rules-fs.ts'

function edit(text: string, from: RegExp | string, to: string): string {
  const out = text.replace(from, to)
  if (out === text) throw new Error(`the default pack no longer has ${String(from)}`)
  return out
}

const fileName = (f: RuleSource) => f.path.split('/').pop()!

export const defaultPack = (): Promise<RuleSource[]> => readRuleSources()

/**
 * The default pack tuned: fan-out from 5 beneficiaries (one changed threshold), velocity-burst-receiver added,
 * cycle removed, review from 35. The other 48 rules are the active set's.
 */
export async function tunedDefaultPack(): Promise<RuleSource[]> {
  const files = await defaultPack()
  const burst = files.find((f) => fileName(f) === 'velocity-burst.yaml')!
  const added = edit(edit(burst.text, 'id: velocity-burst\n', 'id: velocity-burst-receiver\n'), 'entity: sender.id', 'entity: receiver.id')
  return [
    ...files.map((f) => {
      if (fileName(f) === 'ruleset.yaml') {
        const text = edit(edit(edit(f.text, /review: 40\b/, 'review: 35'), '  cycle: { weight: 1 }\n', ''), 'velocity-burst: { weight: 1 }', 'velocity-burst: { weight: 1 }\n  velocity-burst-receiver: { weight: 1 }')
        return { ...f, text }
      }
      if (fileName(f) === 'fan-out.yaml') return { ...f, text: edit(f.text, '- { from: 6, below: 10, score: 40 }', '- { from: 5, below: 10, score: 40 }') }
      return f
    }),
    { path: 'rules/default/velocity-burst-receiver.yaml', text: added },
  ]
}

/**
 * The tuned pack with three rules weighted otherwise and nothing else of them changed: fan-in 1.2, fan-in-large
 * 0.8 and the modifier corridor-context 1.5. The shadow takes their hits from the active screening and rescales
 * their scores, so it runs the same two rules as for the tuned pack.
 */
export async function reweightedDefaultPack(): Promise<RuleSource[]> {
  return (await tunedDefaultPack()).map((f) => {
    if (fileName(f) !== 'ruleset.yaml') return f
    const text = edit(edit(edit(f.text, 'fan-in: { weight: 1 }', 'fan-in: { weight: 1.2 }'), 'fan-in-large: { weight: 1 }', 'fan-in-large: { weight: 0.8 }'), 'corridor-context: { weight: 1 }', 'corridor-context: { weight: 1.5 }')
    return { ...f, text }
  })
}

/** The default pack with another exchange rate: every rule converts amounts differently, so none can be reused. */
export async function otherRatesPack(): Promise<RuleSource[]> {
  return (await defaultPack()).map((f) => (fileName(f) === 'ruleset.yaml' ? { ...f, text: edit(f.text, 'EUR: "1.08"', 'EUR: "1.10"') } : f))
}
