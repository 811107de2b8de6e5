import type { ShadowStatus } from '../service/shadow-runner.ts'

/** The rule-set list with the shadow's status on the version it runs (or last ran). */
export function withShadow<V extends { version: string }>(versions: V[], shadow: { version: string; status: ShadowStatus } | undefined): (V & { shadow?: ShadowStatus })[] {
  if (!shadow) return versions
  return versions.map((v) => (v.version === shadow.version ? { ...v, shadow: shadow.status } : v))
}
