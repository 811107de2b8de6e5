// Rule-set versions, with a shadow toggle per version and the shadow comparison (shadow.js); backtests in backtest.js.
import { api, el } from './api.js'
import { startBacktests } from './backtest.js'
import { loadShadow, shadowButton } from './shadow.js'

export async function loadRulesets() {
  const { versions } = await api('/v1/rulesets')
  document.getElementById('versions').replaceChildren(
    ...versions.map((v) => el('tr', { class: v.active ? 'active' : '' },
      el('td', {}, v.version), el('td', {}, v.createdAt.slice(0, 19).replace('T', ' ')), el('td', {}, v.createdBy ?? ''),
      el('td', {}, v.files.length), el('td', {}, v.active ? 'active' : v.shadow ?? ''), el('td', {}, shadowButton(v, () => loadRulesets())))))
  startBacktests(versions)
  const active = versions.find((v) => v.active)
  if (!active) {
    document.getElementById('shadow').textContent = 'No active rule set.'
    return
  }
  await loadShadow(versions)
}
