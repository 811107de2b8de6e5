import { z } from 'zod'
import { ConditionsSchema } from './condition-schema.ts'
import { builtInMeasures } from './measures/built-in.ts'
import type { MeasureSpec } from './measures/measure.ts'
import type { MeasureRegistry } from './measures/registry.ts'
import { RULE_LIMITS } from './limits.ts'
import { durationAtMost, identifier } from './schema-parts.ts'
import { ListSchema } from './structured-lists.ts'

/**
 * Rule files and the ruleset file, as analysts write them in YAML.
 * The JSON Schema for editors is generated from these (`txscreen rules schema`).
 */

export const BandSchema = z
  .object({
    from: z.number().optional(),
    below: z.number().optional(),
    score: z.number().min(0).max(100),
    reason: z.string().optional(),
  })
  .strict()

const BUDGET_HELP = 'expected a share of benign transfers between 0 and 1, such as 0.002 for 0.2 %'

/** a rule file whose measures are those of `measure` */
function ruleFile(measure: z.ZodType<MeasureSpec>) {
  return z
    .object({
      kind: z.literal('rule'),
      id: identifier,
      version: z.number().int().min(1),
      title: z.string().min(1),
      description: z.string().optional(),
      typology: identifier,
      source: z.string().min(1),
      /** a modifier raises the score of other hits and never alerts alone */
      modifier: z.boolean().default(false),
      /** whose state the rule keeps: none, sender.id, receiver.id, party.id (both sides), party.phone, device.id, ... */
      entity: z.string().regex(/^(none|(sender|receiver|party|device|location)\.[a-z_]+)$/, 'expected "none" or a path such as "receiver.id", "party.phone", "device.id"'),
      window: durationAtMost(RULE_LIMITS.maxWindowMs).optional(),
      /** which transfers the window counts; by default also the transfers the rule is evaluated on */
      where: ConditionsSchema.optional(),
      /** which transfers the rule is evaluated on, when it differs from `where` */
      when: ConditionsSchema.optional(),
      measures: z.record(identifier, measure).refine((m) => Object.keys(m).length > 0, 'expected at least one measure'),
      /** conditions on measure values that must all hold before the bands are applied */
      require: ConditionsSchema.optional(),
      score: z.union([
        z.object({ measure: identifier, bands: z.array(BandSchema).min(1) }).strict(),
        z.object({ fixed: z.number().min(0).max(100) }).strict(),
      ]),
      reason: z.string().min(1),
      evidence_limit: z.number().int().min(0).max(1000).optional(),
      /** the share of benign transfers the rule may raise as false alerts (0.002 = 0.2 %); `txscreen eval` flags rules over it */
      false_alert_budget: z.number().min(0, BUDGET_HELP).max(1, BUDGET_HELP).optional(),
    })
    .strict()
}

const ruleFileSchemas = new WeakMap<MeasureRegistry, ReturnType<typeof ruleFile>>()

/** the schema of a rule file that may use the measures of `measures` (built once per registry) */
export function ruleFileSchema(measures: MeasureRegistry): ReturnType<typeof ruleFile> {
  let schema = ruleFileSchemas.get(measures)
  if (!schema) {
    schema = ruleFile(measures.schema)
    ruleFileSchemas.set(measures, schema)
  }
  return schema
}

/** a rule file with the built-in measures */
export const RuleFileSchema = ruleFileSchema(builtInMeasures)
export type RuleFile = z.infer<typeof RuleFileSchema>

const decimalText = z.union([z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal such as "1.08"'), z.number().positive()])

export const RulesetFileSchema = z
  .object({
    kind: z.literal('ruleset'),
    name: z.string().min(1),
    version: z.union([z.string(), z.number()]).transform(String),
    description: z.string().optional(),
    base_currency: z.string().regex(/^[A-Z]{3,5}$/),
    /** units of the base currency for one unit of each currency */
    rates: z.record(z.string().regex(/^[A-Z]{3,5}$/, 'expected a currency code'), decimalText),
    thresholds: z.object({ review: z.number().min(0).max(100), block: z.number().min(0).max(100) }).strict(),
    lateness: durationAtMost(RULE_LIMITS.maxLatenessMs).default('1h'),
    evidence_limit: z.number().int().min(0).max(1000).default(20),
    /** scalar lists for conditions; weighted terms or routes for the measures that read them */
    lists: z.record(identifier, ListSchema).default({}),
    rules: z.record(identifier, z.object({ enabled: z.boolean().default(true), weight: z.number().min(0).max(10).default(1) }).strict()),
  })
  .strict()
export type RulesetFile = z.infer<typeof RulesetFileSchema>
