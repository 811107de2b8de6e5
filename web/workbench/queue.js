// The alert queue: GET /v1/alerts with the filters, a page at a time.
import { api, el } from './api.js'

let next = null
let onOpen = () => {}

function query(form) {
  const q = new URLSearchParams({ limit: '50' })
  const data = new FormData(form)
  for (const name of ['rule', 'typology', 'entity']) if (data.get(name)) q.set(name, String(data.get(name)).trim())
  // dates are whole days, UTC: `to` includes its day
  if (data.get('from')) q.set('from', `${data.get('from')}T00:00:00Z`)
  if (data.get('to')) q.set('to', new Date(Date.parse(`${data.get('to')}T00:00:00Z`) + 86_400_000).toISOString())
  return q
}

function row(alert) {
  const v = alert.verdict
  const tr = el('tr', { 'data-alert': alert.id },
    el('td', {}, alert.id), el('td', {}, (alert.occurredAt ?? alert.createdAt).replace('T', ' ').slice(0, 16)), el('td', {}, v.id),
    el('td', { class: `decision-${v.decision}` }, v.decision), el('td', {}, v.score), el('td', {}, v.hits.map((h) => h.rule).join(', ')))
  tr.addEventListener('click', () => {
    document.querySelectorAll('#alerts tr.open').forEach((r) => r.classList.remove('open'))
    tr.classList.add('open')
    onOpen(alert)
  })
  return tr
}

async function load(append) {
  const form = document.getElementById('filters')
  const q = query(form)
  if (append && next) q.set('cursor', next)
  const page = await api(`/v1/alerts?${q}`)
  const body = document.getElementById('alerts')
  if (!append) body.replaceChildren()
  for (const a of page.alerts) body.append(row(a))
  if (!append && page.alerts.length === 0) body.append(el('tr', {}, el('td', { colspan: '6' }, 'No alerts match.')))
  next = page.next
  document.getElementById('more').hidden = !next
}

/** Wires the filters and loads the first page; `open` is called with the alert clicked. */
export function startQueue(open) {
  onOpen = open
  document.getElementById('filters').addEventListener('submit', (e) => {
    e.preventDefault()
    load(false).catch(report)
  })
  document.getElementById('more').addEventListener('click', () => load(true).catch(report))
  return load(false)
}

function report(err) {
  document.getElementById('alerts').replaceChildren(el('tr', {}, el('td', { colspan: '6', class: 'error' }, err.message)))
}
