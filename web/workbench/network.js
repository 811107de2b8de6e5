// The picture of an entity's counterparties: its real-time transfers over the rule's window, drawn with cytoscape.
import cytoscape from 'cytoscape'
import { api } from './api.js'

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }
const DEFAULT_WINDOW_MS = 86_400_000

/** A rule window such as `24h` or `7d` in milliseconds; a day when absent or unreadable. */
export function windowMs(text) {
  const m = /^(\d{1,9})(ms|s|m|h|d|w)$/.exec(text ?? '')
  return m ? Number(m[1]) * UNIT_MS[m[2]] : DEFAULT_WINDOW_MS
}

let cy

/** Draws `key`'s transfers in [end - window, end]; `evidence` ids are drawn bold. Returns the node count. */
export async function drawNetwork(container, key, end, window, evidence) {
  const to = new Date(end)
  const from = new Date(to.getTime() - windowMs(window))
  const q = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() })
  const page = await api(`/v1/entities/${encodeURIComponent(key)}/transfers?${q}`)
  const nodes = new Map()
  const edges = new Map()
  const centre = key.startsWith('id:') ? key.slice(3) : undefined
  for (const t of page.transfers) {
    const s = t.record.sender.id
    const r = t.record.receiver.id
    for (const [id, p] of [[s, t.record.sender], [r, t.record.receiver]]) {
      if (!nodes.has(id)) nodes.set(id, { data: { id, label: p.name ? `${id}\n${p.name}` : id }, classes: id === centre ? 'centre' : '' })
    }
    const pair = `${s}->${r}`
    const e = edges.get(pair) ?? { data: { id: pair, source: s, target: r, n: 0, label: '' }, classes: '' }
    e.data.n++
    e.data.label = e.data.n === 1 ? '1 transfer' : `${e.data.n} transfers`
    if (evidence.includes(t.id)) e.classes = 'evidence'
    if (t.decision === 'block') e.classes += ' blocked'
    edges.set(pair, e)
  }
  cy?.destroy()
  cy = cytoscape({
    container,
    elements: [...nodes.values(), ...edges.values()],
    layout: { name: 'cose', animate: false, randomize: false },
    style: [
      { selector: 'node', style: { label: 'data(label)', 'text-wrap': 'wrap', 'font-size': 10, 'background-color': '#7a8599', width: 18, height: 18 } },
      { selector: 'node.centre', style: { 'background-color': '#c4452c', width: 28, height: 28 } },
      { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 1.5, label: 'data(label)', 'font-size': 8, 'line-color': '#aab1bf', 'target-arrow-color': '#aab1bf' } },
      { selector: 'edge.evidence', style: { width: 3, 'line-color': '#c4452c', 'target-arrow-color': '#c4452c' } },
    ],
  })
  container.dataset.nodes = String(cy.nodes().length)
  return { nodes: nodes.size, transfers: page.transfers.length, truncated: page.truncated, from, to }
}
