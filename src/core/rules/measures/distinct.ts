import { z } from 'zod'
import type { TransferView } from '../../screen/view.ts'
import { compileField, FIELD_HELP } from '../fields.ts'
import { defineMeasure } from './measure.ts'
import { measureFilter, recentWindow, WINDOW_COST, windowedRecent, windowValue } from './windowed.ts'

/** `{ distinct: counterparty.id }`: distinct values of a field among the transfers in the entity's window. */
export const distinct = defineMeasure({
  key: 'distinct',
  schema: z.object({ distinct: z.string(), ...windowedRecent }).strict(),
  compile(spec, ctx) {
    const filter = measureFilter(spec, ctx)
    const field = compileField(spec.distinct)
    let extract: (v: TransferView) => string | undefined
    if (!field) {
      ctx.report([...ctx.at, 'distinct'], `unknown field "${spec.distinct}"; known: ${FIELD_HELP}`)
      extract = () => undefined
    } else {
      const get = field.get
      extract = (v) => {
        if (!filter(v)) return undefined
        const x = get(v)
        return x === undefined || x === '' ? undefined : String(x)
      }
    }
    if (spec.within !== undefined) return recentWindow('distinct', extract, spec.within, false)
    return { unit: 'count', window: { aggregate: 'distinct', extract }, cost: WINDOW_COST, evaluate: windowValue }
  },
})
