const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const
export const DAY_MS = UNIT_MS.d

export const DURATION_PATTERN = /^(\d{1,5})(s|m|h|d|w)$/

/** milliseconds back to a duration as a rule file writes it, in the largest whole unit: 3600000 as "1h" */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`
  }
  return `${ms}ms`
}

/** a duration in days, as limits are stated: 604800000 as "7d" */
export const inDays = (ms: number): string => `${ms / DAY_MS}d`

/** "48h", "7d", "30m" to milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_PATTERN.exec(text)
  if (!m) return undefined
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS]
}
