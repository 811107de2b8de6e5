import { grown } from './grown.ts'

/**
 * One direction of a transfer graph's edges (out or in), for every node: each node's edges are a block of a slab
 * of typed arrays (the other party's node number, time, amount) and of id strings, by size class (1, 2, 4, ...
 * edges; freed blocks reused), instead of four arrays per node. Most parties of a large population have one edge
 * or two, where four arrays cost about 220 bytes and a block's edge 28 bytes and its id.
 */
export class EdgeLists {
  /** per node: where its block starts, its edges, its block's size class (-1: none) */
  at = new Int32Array(256)
  len = new Int32Array(256)
  cls = new Int8Array(256).fill(-1)
  /** per edge slot: the other party's node, time, amount, id */
  peer = new Int32Array(256)
  ts = new Float64Array(256)
  amount = new Float64Array(256)
  id: (string | undefined)[] = []
  private used = 0
  private readonly free: number[][] = []

  /** room for node numbers below n */
  nodes(n: number): void {
    if (n <= this.at.length) return
    const size = Math.max(n, Math.ceil(this.at.length * 1.5))
    this.at = grown(this.at, size)
    this.len = grown(this.len, size)
    this.cls = grown(this.cls, size, -1)
  }

  /** adds an edge at the end, or (inOrder) before the later ones so the node's edges stay in time order */
  add(node: number, peer: number, ts: number, amount: number, id: string, inOrder: boolean): void {
    const n = this.len[node]!
    if (this.cls[node]! < 0 || n === 1 << this.cls[node]!) this.move(node, sizeClass(n + 1))
    const start = this.at[node]!
    let at = start + n
    if (inOrder) {
      while (at > start && this.ts[at - 1]! > ts) at--
      if (at < start + n) this.shift(at, start + n, 1)
    }
    this.peer[at] = peer
    this.ts[at] = ts
    this.amount[at] = amount
    this.id[at] = id
    this.len[node] = n + 1
  }

  /** drops the node's first k edges (the caller has read their peers); a block left mostly empty shrinks */
  dropFirst(node: number, k: number): void {
    const n = this.len[node]! - k
    const start = this.at[node]!
    if (n > 0) this.shiftDown(start, start + k, start + k + n)
    for (let i = start + Math.max(n, 0); i < start + n + k; i++) this.id[i] = undefined
    this.len[node] = n
    if (n === 0) this.release(node)
    else if (this.cls[node]! >= 2 && n <= 1 << (this.cls[node]! - 2)) this.move(node, sizeClass(n))
  }

  private release(node: number): void {
    const c = this.cls[node]!
    if (c < 0) return
    for (let i = this.at[node]!, end = i + (1 << c); i < end; i++) this.id[i] = undefined
    ;(this.free[c] ??= []).push(this.at[node]!)
    this.cls[node] = -1
    this.at[node] = 0
  }

  /** moves the node's edges into a block of class c */
  private move(node: number, c: number): void {
    const n = this.len[node]!
    const to = this.free[c]?.pop() ?? this.take(1 << c)
    const from = this.at[node]!
    if (n > 0) {
      this.peer.copyWithin(to, from, from + n)
      this.ts.copyWithin(to, from, from + n)
      this.amount.copyWithin(to, from, from + n)
      for (let i = 0; i < n; i++) this.id[to + i] = this.id[from + i]
    }
    this.release(node)
    this.at[node] = to
    this.cls[node] = c
  }

  private take(size: number): number {
    const at = this.used
    this.used += size
    // the ids stay a packed array: a write far past its end would turn it into a dictionary
    while (this.id.length < this.used) this.id.push(undefined)
    if (this.used > this.ts.length) {
      const room = Math.max(this.used, Math.ceil(this.ts.length * 1.5))
      this.peer = grown(this.peer, room)
      this.ts = grown(this.ts, room)
      this.amount = grown(this.amount, room)
    }
    return at
  }

  /** slots [from, end) one up */
  private shift(from: number, end: number, by: number): void {
    this.peer.copyWithin(from + by, from, end)
    this.ts.copyWithin(from + by, from, end)
    this.amount.copyWithin(from + by, from, end)
    for (let i = end - 1; i >= from; i--) this.id[i + by] = this.id[i]
  }

  /** slots [from, end) down to `to` */
  private shiftDown(to: number, from: number, end: number): void {
    this.peer.copyWithin(to, from, end)
    this.ts.copyWithin(to, from, end)
    this.amount.copyWithin(to, from, end)
    for (let i = from; i < end; i++) this.id[to + i - from] = this.id[i]
  }
}

/** the smallest class (power of two) holding n edges */
function sizeClass(n: number): number {
  return n <= 1 ? 0 : 32 - Math.clz32(n - 1)
}
