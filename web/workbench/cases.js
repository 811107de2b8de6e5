// The tenant's cases: a list, one case's rules, score and transfers, and its goAML report when the server makes one.
import { api, ApiError, el, savedKey } from './api.js'

const REPORT = 'goaml'

/** The XML of a case report, fetched with the key (a plain link could not send it), saved as a file. */
async function download(id, link, note) {
  const res = await fetch(`/v1/cases/${encodeURIComponent(id)}/${REPORT}`, { headers: { authorization: `Bearer ${savedKey() ?? ''}` } })
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}))
    throw new ApiError(res.status, problem.detail ?? problem.title ?? `HTTP ${res.status}`)
  }
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const save = el('a', { href: url, download: `${id}.xml` })
  document.body.append(save)
  save.click()
  save.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  link.dataset.bytes = String(blob.size)
  note.textContent = `goAML report of ${id} saved (${blob.size} bytes).`
}

function openCase(c, reports) {
  const view = document.getElementById('case')
  view.hidden = false
  document.getElementById('case-id').textContent = c.id
  const note = el('span', { id: 'case-report-note' })
  const parts = [
    el('div', {}, el('span', { class: `decision-${c.decision}` }, c.decision), ` score ${c.score} (highest alert ${c.maxScore}) · ${c.alerts} alerts · ${c.batchId ? `batch ${c.batchId}` : 'real time'} · ${c.firstSeen} to ${c.lastSeen}`),
    el('div', {}, `entity ${c.entity} · rules ${c.rules.join(', ')} · typologies ${c.typologies.join(', ')}`),
    el('div', {}, 'alerting transfers: ', c.transfers.join(', ')),
    el('div', {}, 'evidence transfers: ', c.evidence.join(', ')),
  ]
  if (reports) {
    const link = el('a', { id: 'case-goaml', href: `/v1/cases/${encodeURIComponent(c.id)}/${REPORT}` }, 'goAML report (XML)')
    link.addEventListener('click', (e) => {
      e.preventDefault()
      download(c.id, link, note).catch((err) => {
        note.className = 'error'
        note.textContent = err.message
      })
    })
    parts.push(el('div', {}, link, ' ', note))
  }
  document.getElementById('case-detail').replaceChildren(...parts)
}

/** Whether the server has the case report route with goAML among its formats, from its API document. */
async function hasGoaml() {
  const doc = await fetch('/openapi.json').then((r) => (r.ok ? r.json() : {}), () => ({}))
  const route = doc.paths?.['/v1/cases/{id}/{report}']?.get
  const format = route?.parameters?.find((p) => p.name === 'report')
  return Boolean(format?.schema?.enum?.includes(REPORT))
}

export async function loadCases() {
  const [{ cases }, reports] = await Promise.all([api('/v1/cases?limit=50'), hasGoaml()])
  const body = document.getElementById('cases')
  body.replaceChildren(...cases.map((c) => {
    const tr = el('tr', { 'data-case': c.id }, el('td', {}, c.id), el('td', {}, c.entity), el('td', { class: `decision-${c.decision}` }, c.decision), el('td', {}, c.score), el('td', {}, c.rules.join(', ')))
    tr.addEventListener('click', () => openCase(c, reports))
    return tr
  }))
  if (cases.length === 0) body.append(el('tr', {}, el('td', { colspan: '5' }, 'No cases yet.')))
}
