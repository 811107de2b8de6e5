// Alerts per rule and week over the last 90 days, from GET /v1/rules/outcomes, drawn with uPlot.
import uPlot from 'uplot'
import { api } from './api.js'

const COLOURS = ['#c4452c', '#2c6cc4', '#2c9c5a', '#a05a00', '#7a3cc4', '#3c9cc4', '#c43c8c', '#5a5a5a']

export async function loadChart() {
  const body = await api('/v1/rules/outcomes?period=week')
  const note = document.getElementById('chart-note')
  const periods = [...new Set(body.rules.map((r) => r.period))].sort()
  const rules = [...new Set(body.rules.map((r) => r.rule))].sort()
  if (periods.length === 0) {
    note.textContent = `No alerts from ${body.from.slice(0, 10)} to ${body.to.slice(0, 10)}.`
    return
  }
  const at = new Map(body.rules.map((r) => [`${r.rule} ${r.period}`, r]))
  const x = periods.map((p) => Date.parse(p) / 1000)
  const series = rules.map((rule) => periods.map((p) => at.get(`${rule} ${p}`)?.alerts ?? 0))
  const box = document.getElementById('chart')
  box.replaceChildren()
  new uPlot(
    {
      width: Math.max(320, box.clientWidth || 560),
      height: 240,
      // the queried period, not just the weeks that have alerts
      scales: { x: { time: true, range: () => [Date.parse(body.from) / 1000, Date.parse(body.to) / 1000] } },
      series: [{}, ...rules.map((rule, i) => ({ label: rule, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: true } }))],
      axes: [{}, { label: 'alerts per week' }],
    },
    [x, ...series],
    box,
  )
  const reports = body.rules.reduce((n, r) => n + r.reported, 0)
  note.textContent = `${body.rules.reduce((n, r) => n + r.alerts, 0)} alerts, ${reports} reported, ${body.from.slice(0, 10)} to ${body.to.slice(0, 10)}.`
}
