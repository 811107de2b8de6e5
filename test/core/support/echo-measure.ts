import { z } from 'zod'
import { defineMeasure } from '../../../src/core/index.ts'
import { compileField } from '../../../src/core/rules/fields.ts'

/**
 * A test-only measure: `{ echo: hour }` gives back a number field of the transfer, and fills `{echoed}` in
 * reasons with the field's name. It shows a measure added from outside the engine in one file.
 */
export const echo = defineMeasure({
  key: 'echo',
  schema: z.object({ echo: z.string() }).strict(),
  placeholders: ['echoed'],
  compile(spec, ctx) {
    const field = compileField(spec.echo)
    if (!field || field.kind !== 'number') {
      ctx.report([...ctx.at, 'echo'], `"${spec.echo}" is not a number field`)
      return { unit: 'number', evaluate: () => Number.NaN }
    }
    const get = field.get
    return {
      unit: 'number',
      evaluate: (ev) => {
        const x = get(ev.view)
        ev.extra = { echoed: spec.echo }
        return typeof x === 'number' ? x : Number.NaN
      },
    }
  },
})
