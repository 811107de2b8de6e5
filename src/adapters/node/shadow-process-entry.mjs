// a child process started with fork() has no tsx loader unless asked: register it, then run the TypeScript
import { register } from 'tsx/esm/api'

register()
await import('./shadow-process-main.ts')
