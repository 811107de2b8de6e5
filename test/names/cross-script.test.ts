import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { nameMatchingDir, readCsvRows } from './shared-data.ts'
import { pairScore } from './pair-score.ts'

describe("Watchman's cross-script pairs", () => {
  it('scores a name in another script at or above the pair minimum', () => {
    const rows = readCsvRows(path.join(nameMatchingDir, 'watchman/cross_script_pairs.csv'), { header: false })
    expect(rows).toHaveLength(22)
    const failed = rows.filter(([query = '', latin = '', min = '']) => pairScore(query, latin, 'person') < Number(min))
    console.info(`cross-script: ${22 - failed.length}/22 pass; below minimum: ${failed.map((r) => `${r[0]} / ${r[1]}`).join('; ')}`)
    // The issue asks for 20. A name in Chinese characters only is also read the Korean way (a Hanja table from the
    // hanja package), so 金正恩 meets Kim Jong Un. The two misses are Japanese names in kanji (山田太郎 Yamada Taro,
    // 田中花子 Tanaka Hanako), which any-ascii reads as Mandarin; Japanese readings of name kanji are not done.
    expect(22 - failed.length).toBeGreaterThanOrEqual(20)
  })
})
