// One alert: its reasons, hits and evidence transfers, the network picture, and its marks.
import { api, el } from './api.js'
import { drawNetwork } from './network.js'

let current = null

const OUTCOME_NAMES = { true_positive: 'true positive', false_positive: 'false positive', reported: 'reported' }

function hitView(h) {
  const ev = h.evidence
  return el('div', { class: 'hit' },
    el('strong', {}, `${h.rule} v${h.version}`), ` · ${h.typology} · score ${h.score}${h.modifier ? ' (modifier)' : ''}`,
    el('div', {}, h.reason),
    el('div', {}, `${ev.measure} = ${ev.value}${ev.window ? ` over ${ev.window}` : ''}${ev.entity ? ` for ${ev.entity}` : ''}`),
    el('div', {}, 'evidence transfers: ', ev.transfers.join(', ') || 'none'),
    ...(ev.matches ?? []).map((m) => el('div', {}, `list ${m.list}: ${m.entry} matched "${m.matched}" (${m.score})`)))
}

async function showMarks(id) {
  const { dispositions } = await api(`/v1/alerts/${encodeURIComponent(id)}/dispositions`)
  const list = document.getElementById('marks')
  list.replaceChildren(...dispositions.map((d) => el('li', { 'data-outcome': d.outcome }, `${d.at.replace('T', ' ').slice(0, 19)} ${OUTCOME_NAMES[d.outcome]} by ${d.actor}${d.note ? `: ${d.note}` : ''}`)))
  if (dispositions.length === 0) list.append(el('li', {}, 'Not marked yet.'))
}

/** Shows an alert as GET /v1/alerts gives it. */
export async function openAlert(alert) {
  current = alert
  const v = alert.verdict
  document.getElementById('alert').hidden = false
  document.getElementById('alert-id').textContent = `${alert.id} (transfer ${v.id})`
  document.getElementById('alert-summary').replaceChildren(
    el('span', { class: `decision-${v.decision}` }, v.decision), ` score ${v.score} · rule set ${v.ruleset} · ${alert.batchId ? `batch ${alert.batchId}` : 'real time'} · ${alert.occurredAt ?? alert.createdAt}`)
  document.getElementById('hits').replaceChildren(...v.hits.map(hitView))
  await showMarks(alert.id)
  // the entity and window of the first hit that names one: the picture the rule itself looked at
  const hit = v.hits.find((h) => h.evidence.entity) ?? v.hits[0]
  const box = document.getElementById('network')
  const note = document.getElementById('network-note')
  const entity = hit?.evidence.entity
  document.getElementById('network-entity').textContent = entity ?? 'no entity'
  delete box.dataset.nodes
  if (!entity) {
    note.textContent = 'The rules that fired look at no entity, so there is no network to draw.'
    return
  }
  const evidence = v.hits.flatMap((h) => h.evidence.transfers)
  try {
    const drawn = await drawNetwork(box, entity, alert.occurredAt ?? alert.createdAt, hit.evidence.window, evidence)
    note.textContent = drawn.transfers === 0
      ? 'No real-time transfers of this entity are kept for the window (batch uploads are not in the real-time history).'
      : `${drawn.transfers} transfers, ${drawn.nodes} parties, ${drawn.from.toISOString()} to ${drawn.to.toISOString()}${drawn.truncated ? ' (first ones only)' : ''}; evidence in red.`
  } catch (err) {
    note.textContent = `Network not loaded: ${err.message}`
  }
}

/** Wires the disposition buttons: each posts a mark for the open alert and lists the marks again. */
export function startDisposition() {
  for (const button of document.querySelectorAll('#disposition button')) {
    button.addEventListener('click', async () => {
      if (!current) return
      const note = document.getElementById('note')
      try {
        await api(`/v1/alerts/${encodeURIComponent(current.id)}/disposition`, { method: 'POST', body: JSON.stringify({ outcome: button.dataset.outcome, note: note.value }) })
        note.value = ''
        await showMarks(current.id)
      } catch (err) {
        document.getElementById('marks').prepend(el('li', { class: 'error' }, err.message))
      }
    })
  }
}
