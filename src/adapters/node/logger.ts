import { pino, type Logger } from 'pino'

/**
 * The server's log: one JSON object a line (pino) on stderr, or on `stream` (tests). TXSCREEN_LOG_LEVEL picks the
 * least level written (default info; debug adds a line per real-time call).
 */
export function createLogger(stream: NodeJS.WritableStream = process.stderr, level = process.env.TXSCREEN_LOG_LEVEL || 'info'): Logger {
  return pino({ level, base: { name: 'txscreen' } }, stream)
}
