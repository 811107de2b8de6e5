export declare function prng(seed: number): () => number
export declare function transferSource(seed: number, accounts: number, prefix: string): () => Record<string, unknown>
export declare function ndjsonBody(next: () => Record<string, unknown>, count: number): string
export declare function uniqueRecordLine(line: string, prefix: string): string
