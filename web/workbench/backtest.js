// The backtest panel: start a backtest of a rule-set version on the tenant's kept history, follow it, show its report.
import { api, el } from './api.js'

const POLL_MS = 500
let polling = 0

const pct = (x) => (x === undefined ? '' : x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`)
const signed = (n) => (n > 0 ? `+${n}` : String(n))

function sides(r) {
  const row = (label, f) => el('tr', {}, el('th', {}, label), el('td', {}, f(r.base)), el('td', {}, f(r.candidate)))
  const rows = [
    row('rule set', (s) => s.ruleset),
    row('alerts', (s) => s.alerts),
    row('review', (s) => s.review),
    row('block', (s) => s.block),
  ]
  if (r.labelled) rows.push(row('false alerts', (s) => s.falseAlerts), row('precision', (s) => pct(s.precision)), row('recall', (s) => pct(s.recall)))
  return el('table', { class: 'sides' }, el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', {}, 'base (active)'), el('th', {}, 'candidate'))), el('tbody', {}, ...rows))
}

function byRule(r) {
  const head = ['rule', 'base', 'candidate', 'added', 'removed', ...(r.labelled ? ['false alerts base', 'false alerts candidate'] : [])]
  const rows = Object.entries(r.byRule).map(([rule, c]) =>
    el('tr', { 'data-rule': rule }, el('td', {}, rule), el('td', {}, c.base), el('td', {}, c.candidate), el('td', {}, c.added), el('td', {}, c.removed),
      ...(r.labelled ? [el('td', {}, c.baseFalseAlerts), el('td', {}, c.candidateFalseAlerts)] : [])))
  return el('table', { class: 'by-rule' }, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))), el('tbody', {}, ...rows))
}

function changes(title, c) {
  const items = c.sample.map((d) => el('li', {}, `${d.id}: ${d.base.decision} (${d.base.score}) → ${d.candidate.decision} (${d.candidate.score})${d.illicit === undefined ? '' : d.illicit ? ' · marked illicit' : ' · marked false positive'}`))
  return el('div', { class: 'changes' }, el('strong', {}, `${title}: ${c.count}`), items.length ? el('ul', {}, ...items) : '')
}

/** The report, as `txscreen rules diff` shows it: both sides, the volume change, the changed alerts, per rule. */
function reportView(r) {
  const v = r.alertVolumeChange
  return el('div', { id: 'backtest-report' },
    el('p', {}, `${r.records} records replayed${r.labelled ? ', labelled by the dispositions' : ' (no dispositions: no labels)'}. Alert volume ${signed(v.absolute)}${v.relative === null ? '' : ` (${signed(Math.round(v.relative * 1000) / 10)} %)`}.`),
    sides(r),
    changes('added', r.added), changes('removed', r.removed), changes('changed decision', r.changed),
    byRule(r))
}

function show(job) {
  const box = document.getElementById('backtest-result')
  box.dataset.status = job.status
  const status = el('p', { class: 'status' }, `Backtest ${job.id} of ${job.candidate} against ${job.base}: ${job.status}`,
    job.status === 'running' || job.status === 'queued' ? ` (${job.progress.records} of ${job.progress.total} records)` : '')
  if (job.status === 'done') box.replaceChildren(status, reportView(job.report))
  else if (job.status === 'failed') box.replaceChildren(status, el('p', { class: 'error' }, job.error?.message ?? 'failed'))
  else box.replaceChildren(status)
}

async function follow(id) {
  const mine = ++polling
  for (;;) {
    const job = await api(`/v1/backtests/${encodeURIComponent(id)}`)
    if (mine !== polling) return
    show(job)
    if (job.status === 'done' || job.status === 'failed') return
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/** The latest backtest of the chosen version, if there is one. */
async function latest(version) {
  const box = document.getElementById('backtest-result')
  const { backtests } = await api(`/v1/rulesets/${encodeURIComponent(version)}/backtests`)
  if (backtests.length === 0) {
    polling++
    delete box.dataset.status
    box.replaceChildren(el('p', { class: 'panel' }, 'No backtest of this version yet.'))
    return
  }
  await follow(backtests[0].id)
}

/** Fills the version choice and wires the form; `versions` as GET /v1/rulesets gives them. */
export function startBacktests(versions) {
  const form = document.getElementById('backtest-form')
  const choice = document.getElementById('backtest-version')
  const fail = (err) => document.getElementById('backtest-result').replaceChildren(el('p', { class: 'error' }, err.message))
  // the newest version that is not active is the likely candidate
  const candidate = versions.find((v) => !v.active) ?? versions[0]
  choice.replaceChildren(...versions.map((v) => el('option', { value: v.version }, `${v.version}${v.active ? ' (active)' : ''}`)))
  if (candidate) choice.value = candidate.version
  form.hidden = false
  choice.onchange = () => latest(choice.value).catch(fail)
  form.onsubmit = async (e) => {
    e.preventDefault()
    const data = new FormData(form)
    const body = {}
    // dates are whole days, UTC: `to` includes its day
    if (data.get('from')) body.from = `${data.get('from')}T00:00:00Z`
    if (data.get('to')) body.to = new Date(Date.parse(`${data.get('to')}T00:00:00Z`) + 86_400_000).toISOString()
    if (data.get('limit')) body.limit = Number(data.get('limit'))
    try {
      const job = await api(`/v1/rulesets/${encodeURIComponent(choice.value)}/backtest`, { method: 'POST', body: JSON.stringify(body) })
      await follow(job.id)
    } catch (err) {
      fail(err)
    }
  }
  if (candidate) latest(candidate.version).catch(fail)
}
