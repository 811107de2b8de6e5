import { Counter, Gauge, type Registry } from 'prom-client'
import type { ShadowRunner } from '../../service/shadow-runner.ts'

/** The shadow rule set's gauges, read at scrape time: calls screened and dropped, calls waiting and the oldest's wait. */
export function registerShadowMetrics(registry: Registry, shadow: () => ShadowRunner | undefined): void {
  const registers = [registry]
  const stats = () => shadow()?.stats()
  new Counter({
    name: 'txscreen_shadow_processed_total',
    help: 'real-time calls a shadow rule set screened after their answer',
    registers,
    collect() {
      this.reset()
      this.inc(stats()?.processed ?? 0)
    },
  })
  new Counter({
    name: 'txscreen_shadow_dropped_total',
    help: "real-time calls a shadow rule set left out because its queue was full",
    registers,
    collect() {
      this.reset()
      this.inc(stats()?.dropped ?? 0)
    },
  })
  new Gauge({ name: 'txscreen_shadow_queued', help: 'answered calls waiting for the shadow rule set', registers, collect() { this.set(stats()?.queued ?? 0) } })
  new Gauge({ name: 'txscreen_shadow_lag_seconds', help: 'how long the oldest call waiting for the shadow rule set has waited', registers, collect() { this.set(stats()?.lagSeconds ?? 0) } })
  new Gauge({ name: 'txscreen_shadow_running', help: '1 while a shadow rule set runs', registers, collect() { this.set(stats()?.running ? 1 : 0) } })
}
