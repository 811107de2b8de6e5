import { z } from 'zod'
import type { MeasureDefinition, MeasureSpec } from './measure.ts'

/**
 * The measures a rule file may use, each under its own key. It builds the rule-file schema of a measure
 * (a union of every measure's object, in registration order) and finds the definition of a validated one.
 */
export class MeasureRegistry {
  private readonly byKey = new Map<string, MeasureDefinition>()
  /** a measure's object in a rule file: any registered measure */
  readonly schema: z.ZodType<MeasureSpec>

  constructor(definitions: readonly MeasureDefinition[]) {
    for (const d of definitions) {
      if (this.byKey.has(d.key)) throw new Error(`measure "${d.key}" is registered twice`)
      if (!(d.key in d.schema.shape)) throw new Error(`measure "${d.key}": its schema has no key "${d.key}"`)
      this.byKey.set(d.key, d)
    }
    const [first, ...rest] = definitions.map((d) => d.schema)
    if (!first) throw new Error('a measure registry needs at least one measure')
    this.schema = z.union([first, ...rest]) as z.ZodType<MeasureSpec>
  }

  /** this registry and more measures, as a new registry (a key already taken is refused) */
  with(...definitions: readonly MeasureDefinition[]): MeasureRegistry {
    return new MeasureRegistry([...this.byKey.values(), ...definitions])
  }

  /** the measure keys, in registration order */
  get keys(): string[] {
    return [...this.byKey.keys()]
  }

  /** the definition of a measure the schema accepted: one named by a key of the spec, whose schema has all its keys */
  definitionOf(spec: MeasureSpec): MeasureDefinition | undefined {
    const keys = Object.keys(spec)
    for (const key of keys) {
      const definition = this.byKey.get(key)
      if (definition && keys.every((k) => k in definition.schema.shape)) return definition
    }
    return undefined
  }
}
