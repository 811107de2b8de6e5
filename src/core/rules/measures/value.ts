import { z } from 'zod'
import { MINOR_PER_MAJOR } from '../../money/convert.ts'
import { compileField, FIELD_HELP } from '../fields.ts'
import { defineMeasure } from './measure.ts'

/** `{ value: amount }`: a number or amount field of the transfer itself (NaN when it does not carry one). */
export const value = defineMeasure({
  key: 'value',
  schema: z.object({ value: z.string() }).strict(),
  compile(spec, ctx) {
    const field = compileField(spec.value)
    if (!field || field.kind === 'text') {
      ctx.report([...ctx.at, 'value'], field ? `"${spec.value}" is not a number or amount` : `unknown field "${spec.value}"; known: ${FIELD_HELP}`)
      return { unit: 'number', evaluate: () => Number.NaN }
    }
    const get = field.get
    if (field.kind === 'money') {
      return {
        unit: 'money',
        evaluate: (ev) => {
          const x = get(ev.view)
          return typeof x === 'number' ? x / MINOR_PER_MAJOR : Number.NaN
        },
      }
    }
    return {
      unit: 'number',
      evaluate: (ev) => {
        const x = get(ev.view)
        return typeof x === 'number' ? x : Number.NaN
      },
    }
  },
})
