// the parts of autocannon 9 that the load runner uses (the package ships no types)
declare module 'autocannon' {
  interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    setupRequest?: (req: Request) => Request
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    amount?: number
    overallRate?: number
    timeout?: number
    requests?: Request[]
  }
  interface Result {
    errors: number
    timeouts: number
    non2xx: number
    duration: number
  }
  interface Instance {
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): Instance
    on(event: 'done', listener: (result: Result) => void): Instance
  }
  function autocannon(opts: Options, cb?: (err: Error | null, result: Result) => void): Instance
  export default autocannon
}
