import type { MiddlewareHandler } from 'hono'
import { hasTextHazard } from '../core/record/text-hazards.ts'
import type { AppEnv } from './env.ts'
import { badRequest } from './problem.ts'

/**
 * A path or query that decodes to a NUL character or an unpaired surrogate is refused with 400 before any route
 * sees it: PostgreSQL refuses such text, so an id like `%00` would otherwise fail the query with a 500.
 */
export const refuseHazardousUrls: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = new URL(c.req.url)
  const raw = url.pathname + url.search
  // only URLs that escape something can decode to a hazard
  if (raw.includes('%') && hasTextHazard(decodeLeniently(raw))) {
    throw badRequest('The URL holds a NUL character or an unpaired surrogate in its path or query.')
  }
  await next()
}

/** each %XX run decoded as UTF-8 where it can be; a run that is not valid UTF-8 is decoded a character at a time */
function decodeLeniently(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    }
  })
}
