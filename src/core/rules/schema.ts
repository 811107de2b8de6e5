import { z } from 'zod'
import { ConditionsSchema } from './condition-schema.ts'
import { duration, identifier, scalar } from './schema-parts.ts'

/**
 * Rule files and the ruleset file, as analysts write them in YAML.
 * The JSON Schema for editors is generated from these (`txscreen rules schema`).
 */

const conditions = ConditionsSchema

const windowed = { where: conditions.optional() }
export const MeasureSchema = z.union([
  z.object({ count: z.literal(true), ...windowed }).strict(),
  z.object({ sum: z.literal('amount'), ...windowed }).strict(),
  z.object({ max: z.literal('amount'), ...windowed }).strict(),
  z.object({ distinct: z.string(), ...windowed }).strict(),
  z.object({ ratio: z.tuple([z.string(), z.string()]) }).strict(),
  z.object({ value: z.string() }).strict(),
  z.object({ gap_days: z.literal(true) }).strict(),
  z.object({ age_days: z.literal(true) }).strict(),
  z
    .object({
      cycle: z
        .object({
          max_hops: z.number().int().min(2).max(12),
          max_visits: z.number().int().min(10).max(100_000).default(5_000),
          min_kept: z.number().min(0).max(1).default(0),
        })
        .strict(),
    })
    .strict(),
  z.object({ name_match: z.object({ type: z.enum(['person', 'org']).optional() }).strict() }).strict(),
  z.object({ indicator: z.object({ types: z.array(z.enum(['phone', 'email', 'handle', 'wallet', 'account', 'name'])).optional() }).strict() }).strict(),
])
export type Measure = z.infer<typeof MeasureSchema>

export const BandSchema = z
  .object({
    from: z.number().optional(),
    below: z.number().optional(),
    score: z.number().min(0).max(100),
    reason: z.string().optional(),
  })
  .strict()

export const RuleFileSchema = z
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
    window: duration.optional(),
    /** which transfers the window counts; by default also the transfers the rule is evaluated on */
    where: conditions.optional(),
    /** which transfers the rule is evaluated on, when it differs from `where` */
    when: conditions.optional(),
    measures: z.record(identifier, MeasureSchema).refine((m) => Object.keys(m).length > 0, 'expected at least one measure'),
    /** conditions on measure values that must all hold before the bands are applied */
    require: conditions.optional(),
    score: z.union([
      z.object({ measure: identifier, bands: z.array(BandSchema).min(1) }).strict(),
      z.object({ fixed: z.number().min(0).max(100) }).strict(),
    ]),
    reason: z.string().min(1),
    evidence_limit: z.number().int().min(0).max(1000).optional(),
  })
  .strict()
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
    lateness: duration.default('1h'),
    evidence_limit: z.number().int().min(0).max(1000).default(20),
    lists: z.record(identifier, z.array(scalar)).default({}),
    rules: z.record(identifier, z.object({ enabled: z.boolean().default(true), weight: z.number().min(0).max(10).default(1) }).strict()),
  })
  .strict()
export type RulesetFile = z.infer<typeof RulesetFileSchema>
