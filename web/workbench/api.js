// The analyst's key (this tab only) and calls to the API with it.
const KEY = 'txscreen.key'

export const savedKey = () => sessionStorage.getItem(KEY)
export const saveKey = (key) => sessionStorage.setItem(KEY, key)
export const forgetKey = () => sessionStorage.removeItem(KEY)

/** An API error: the status and the problem's detail. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail)
    this.status = status
  }
}

/** JSON from the API, sending the key as Bearer; a problem answer throws ApiError. */
export async function api(path, init = {}) {
  const headers = new Headers(init.headers)
  headers.set('authorization', `Bearer ${savedKey() ?? ''}`)
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  const res = await fetch(path, { ...init, headers })
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}))
    throw new ApiError(res.status, problem.detail ?? problem.title ?? `HTTP ${res.status}`)
  }
  return res.json()
}

/** Text into an element, never as markup. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  for (const c of children) node.append(c instanceof Node ? c : String(c ?? ''))
  return node
}
