type Json = Record<string, any>

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

const refName = (schema: Json | undefined): string | undefined =>
  typeof schema?.$ref === 'string' ? schema.$ref.split('/').pop() : undefined

function schemaLink(schema: Json | undefined): string {
  if (!schema) return ''
  const name = refName(schema)
  if (name) return `<a href="#schema-${esc(name)}">${esc(name)}</a>`
  const line = schema['x-line-schema'] as Json | undefined
  if (line) {
    const names = line.oneOf ? (line.oneOf as Json[]).map(schemaLink) : [schemaLink(line)]
    return `lines of ${names.join(' or ')}`
  }
  return `<code>${esc(schema.type ?? 'any')}</code>`
}

function contentList(content: Json | undefined): string {
  if (!content) return ''
  return Object.entries(content)
    .map(([type, c]) => `<div><code>${esc(type)}</code> ${schemaLink((c as Json).schema)}${(c as Json).example ? `<pre>${esc((c as Json).example)}</pre>` : ''}</div>`)
    .join('')
}

function operation(path: string, method: string, op: Json): string {
  const params = (op.parameters as Json[]) ?? []
  const paramRows = params
    .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}${p.required ? ', required' : ''}</td><td><code>${esc(p.schema?.type ?? (p.schema?.enum ? 'enum' : ''))}</code></td><td>${esc(p.description ?? '')}</td></tr>`)
    .join('')
  const responses = Object.entries(op.responses as Json)
    .map(([status, r]) => `<tr><td><b>${esc(status)}</b></td><td>${esc((r as Json).description)}</td><td>${contentList((r as Json).content)}</td></tr>`)
    .join('')
  return `<section class="op" id="${esc(op.operationId)}">
  <h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
  <p><b>${esc(op.summary)}</b></p>
  ${String(op.description ?? '').split('\n\n').map((p) => `<p>${esc(p)}</p>`).join('')}
  ${params.length ? `<h4>Parameters</h4><table>${paramRows}</table>` : ''}
  ${op.requestBody ? `<h4>Body</h4>${contentList(op.requestBody.content)}` : ''}
  <h4>Responses</h4><table>${responses}</table>
</section>`
}

/** A readable, self-contained rendering of the OpenAPI document: no scripts, no fetches. */
export function docsPage(document: object): string {
  const doc = document as Json
  const ops: string[] = []
  const toc: string[] = []
  for (const [path, methods] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(methods as Json)) {
      ops.push(operation(path, method, op))
      toc.push(`<li><a href="#${esc(op.operationId)}"><code>${esc(method.toUpperCase())} ${esc(path)}</code></a> ${esc(op.summary)}</li>`)
    }
  }
  const schemas = Object.entries(doc.components.schemas as Json)
    .map(([name, s]) => `<details id="schema-${esc(name)}"><summary><code>${esc(name)}</code></summary><pre>${esc(JSON.stringify(s, null, 2))}</pre></details>`)
    .join('')
  const problems = Object.entries(doc['x-problem-types'] as Record<string, string>)
    .map(([slug, text]) => `<tr id="problem-${esc(slug)}"><td><code>/docs#problem-${esc(slug)}</code></td><td>${esc(text)}</td></tr>`)
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code,pre{font:13px ui-monospace,monospace}pre{background:#f4f5f7;padding:.6rem;overflow:auto}
table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.3rem .5rem;vertical-align:top}
.op{border:1px solid #d0d7de;border-radius:6px;padding:0 1rem 1rem;margin:1rem 0}
.m{display:inline-block;min-width:4rem;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:2px 6px}
.get{background:#0969da}.post{background:#1a7f37}.delete{background:#cf222e}
</style></head><body>
<h1>${esc(doc.info.title)}</h1>
<p>${esc(doc.info.description)}</p>
<p>Send API keys as <code>Authorization: Bearer &lt;key&gt;</code>. The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>
<h2>Operations</h2><ul>${toc.join('')}</ul>
${ops.join('\n')}
<h2>Problem types</h2><table>${problems}</table>
<h2>Schemas</h2>${schemas}
</body></html>`
}
