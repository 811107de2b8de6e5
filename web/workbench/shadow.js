// The shadow comparison: start or stop a version as the shadow, and its figures against the active set.
import { api, ApiError, el } from './api.js'

const path = (version) => `/v1/rulesets/${encodeURIComponent(version)}/shadow`
const REFRESH_MS = 2000
let timer

const table = (head, rows) => el('table', {}, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))), el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))))

/** The start or stop button for a version's row (none for the active one). */
export function shadowButton(v, reload) {
  if (v.active) return ''
  const running = v.shadow === 'running' || v.shadow === 'warming'
  const button = el('button', { class: 'shadow-toggle', 'data-version': v.version }, running ? 'Stop shadow' : 'Start shadow')
  button.addEventListener('click', async () => {
    button.disabled = true
    try {
      await api(path(v.version), { method: running ? 'DELETE' : 'POST' })
    } catch (err) {
      document.getElementById('shadow').textContent = `The shadow: ${err.message}`
    }
    reload()
  })
  return button
}

/** Fills the shadow panel from the version that runs (or last ran) as the shadow, refreshing while it runs. */
export async function loadShadow(versions) {
  clearTimeout(timer)
  const box = document.getElementById('shadow')
  const version = versions.find((v) => v.shadow)?.version
  if (!version) {
    box.classList.add('panel')
    box.textContent = versions.length > 1 ? 'No shadow runs. Start one from a version above: it screens every real-time call beside the active set, after the answer.' : 'No shadow runs. Publish another version to run it as the shadow.'
    return
  }
  let view
  try {
    view = await api(path(version))
  } catch (err) {
    box.dataset.unavailable = 'true'
    box.textContent = err instanceof ApiError && err.status === 501 ? `The shadow comparison is not available on this server: ${err.message}` : `The shadow comparison: ${err.message}`
    return
  }
  box.classList.remove('panel')
  box.replaceChildren(...render(view))
  if (view.status === 'running' || view.status === 'warming') timer = setTimeout(() => loadShadow(versions).catch(() => {}), REFRESH_MS)
}

function render(v) {
  const c = v.comparison
  const decisions = ['clear', 'review', 'block']
  const summary = el(
    'p',
    { id: 'shadow-summary', 'data-status': v.status, 'data-transfers': c.transfers },
    `${v.version}: ${v.status} since ${v.startedAt.slice(0, 19).replace('T', ' ')}${v.endedAt ? ` until ${v.endedAt.slice(0, 19).replace('T', ' ')}` : ''}. `,
    `${c.transfers} of your calls compared; ${v.processed} screened in all, ${v.dropped} dropped, ${v.queued} waiting (${v.lagMs} ms${v.held ? ', held while the server is busy' : ''}). `,
    `${c.changed.count} decisions change.`,
  )
  return [
    summary,
    el('h4', {}, 'Hits by rule'),
    table(['rule', 'active', 'shadow'], c.byRule.map((r) => [r.rule, r.active, r.shadow])),
    el('h4', {}, 'Decisions: active (rows) to shadow (columns)'),
    table(['active \\ shadow', ...decisions, 'active total'], decisions.map((d, i) => [d, ...decisions.map((to) => c.transitions[d][to]), c.byDecision[i].active]).concat([['shadow total', ...c.byDecision.map((b) => b.shadow), c.transfers]])),
    el('h4', {}, 'Score bands'),
    table(['band', 'active', 'shadow'], c.byBand.filter((b) => b.active || b.shadow).map((b) => [b.band, b.active, b.shadow])),
    el('h4', {}, 'Calls whose decision changes (latest)'),
    table(['transfer', 'time', 'active', 'shadow'], c.changed.sample.slice(0, 10).map((x) => [x.id, x.at.slice(0, 19).replace('T', ' '), `${x.active.decision} ${x.active.score}`, `${x.shadow.decision} ${x.shadow.score}`])),
  ]
}
