import type { ApiApp } from '../app.ts'
import { WORKBENCH_ASSETS } from '../workbench/assets.generated.ts'

/**
 * The analysts' workbench: a page and its bundled script and styles, served without a key (the page asks
 * for an analyst key and sends it with every API call it makes). Not part of the API document.
 */
// everything from this origin; cytoscape and uPlot set element styles from script
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-ancestors 'none'"

export function workbenchRoutes(app: ApiApp): void {
  for (const [path, asset] of Object.entries(WORKBENCH_ASSETS)) {
    app.get(path, (c) => c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'content-security-policy': CSP }))
  }
}
