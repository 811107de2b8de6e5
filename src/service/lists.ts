import { systemClock, type Clock, type Watchlists } from '../core/index.ts'

/** What a loaded list contributed, for `GET /v1/lists`. */
export interface ListSourceInfo {
  spec: string
  entries: number
  indicators: number
}

export interface LoadedLists {
  watchlists: Watchlists
  sources: ListSourceInfo[]
}

/**
 * The watchlists screening uses right now. A reload swaps them in one assignment, so a screening
 * call sees either the old lists or the new ones, never half of each; a failed reload keeps the old.
 */
export class ListHolder {
  private loaded: LoadedLists | undefined
  private loadedAt: string | null = null

  /** `load` reads the configured lists again; undefined where the runtime cannot (no file system). `clock` dates a load */
  constructor(
    private readonly load?: () => Promise<LoadedLists>,
    private readonly clock: Clock = systemClock,
  ) {}

  current(): Watchlists | undefined {
    return this.loaded?.watchlists
  }

  get canReload(): boolean {
    return this.load !== undefined
  }

  describe(): { loadedAt: string | null; sources: ListSourceInfo[] } {
    return { loadedAt: this.loadedAt, sources: this.loaded?.sources ?? [] }
  }

  async reload(): Promise<{ loadedAt: string | null; sources: ListSourceInfo[] }> {
    if (!this.load) throw new Error('this deployment has no lists to reload')
    this.loaded = await this.load()
    this.loadedAt = new Date(this.clock.now()).toISOString()
    return this.describe()
  }
}
