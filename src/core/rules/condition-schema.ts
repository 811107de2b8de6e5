import { z } from 'zod'
import { OperatorsSchema, type Operators } from './operators.ts'

/** A condition: `{ field: { op: value } }`, or `any`/`all`/`not` around others. Lists of conditions are ANDed. */
export type Condition = { any: Condition[] } | { all: Condition[] } | { not: Condition } | Record<string, Operators>
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.record(z.string().regex(/^[a-z_][a-z0-9_.]*$/i, 'expected a field path such as "receiver.country"'), OperatorsSchema),
  ]),
)
/** one condition or a list of them (ANDed) */
export const ConditionsSchema = z.union([ConditionSchema, z.array(ConditionSchema)])
export type Conditions = z.infer<typeof ConditionsSchema>
