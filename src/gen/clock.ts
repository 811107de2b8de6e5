import type { Rng } from './prng.ts'
import { DAY_MS, HOUR_MS } from './types.ts'

/** a whole-second time on the day that starts at dayMs, between the two hours (fractions allowed) */
export function timeOn(rng: Rng, dayMs: number, fromHour: number, toHour: number): number {
  const lo = dayMs + Math.floor(fromHour * HOUR_MS)
  const hi = Math.min(dayMs + DAY_MS - 1000, dayMs + Math.floor(toHour * HOUR_MS))
  return Math.floor((lo + rng.float() * Math.max(0, hi - lo)) / 1000) * 1000
}

/** whole seconds, never past the end of the given day */
export function clampToDay(ts: number, dayMs: number): number {
  return Math.floor(Math.min(ts, dayMs + DAY_MS - 1000) / 1000) * 1000
}

export const dayOfMonth = (dayMs: number): number => new Date(dayMs).getUTCDate()
/** 0 = Sunday */
export const weekday = (dayMs: number): number => new Date(dayMs).getUTCDay()

export function rfc3339(ts: number): string {
  return new Date(ts).toISOString().slice(0, 19) + 'Z'
}
