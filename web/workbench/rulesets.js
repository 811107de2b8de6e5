// Rule-set versions, and the shadow and backtest panels: filled from the API where it has them, said so where not.
import { api, ApiError, el } from './api.js'
import { loadShadow, shadowButton } from './shadow.js'

/** True when the server has no such route at all (as opposed to no such version). */
const missingRoute = (err) => err instanceof ApiError && err.status === 404 && /^No route/.test(err.message)

async function panel(id, path, what) {
  const box = document.getElementById(id)
  try {
    const body = await api(path)
    box.classList.remove('panel')
    box.replaceChildren(el('pre', {}, JSON.stringify(body, null, 2)))
  } catch (err) {
    box.dataset.unavailable = 'true'
    box.textContent = missingRoute(err)
      ? `${what}: not available on this server (it has no ${path.replace(/\/v1\/rulesets\/[^/]+/, '/v1/rulesets/{version}')} endpoint).`
      : `${what}: ${err.message}`
  }
}

export async function loadRulesets() {
  const { versions } = await api('/v1/rulesets')
  document.getElementById('versions').replaceChildren(
    ...versions.map((v) => el('tr', { class: v.active ? 'active' : '' },
      el('td', {}, v.version), el('td', {}, v.createdAt.slice(0, 19).replace('T', ' ')), el('td', {}, v.createdBy ?? ''),
      el('td', {}, v.files.length), el('td', {}, v.active ? 'active' : v.shadow ?? ''), el('td', {}, shadowButton(v, () => loadRulesets())))))
  const active = versions.find((v) => v.active)
  const shadow = document.getElementById('shadow')
  if (!active) {
    shadow.textContent = 'No active rule set.'
    return
  }
  await Promise.all([
    loadShadow(versions),
    panel('backtest', `/v1/rulesets/${encodeURIComponent(active.version)}/backtest`, 'Backtest reports'),
  ])
}
