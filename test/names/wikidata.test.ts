import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { compareNames, normaliseName } from '../../src/core/names/index.ts'
import { nameMatchingDir } from './shared-data.ts'

// English names against their Wikidata renderings in other scripts; the "_20" files hold single words with the
// letters separated by spaces. The first PAIRS rows of each file keep the test fast and deterministic; negatives are
// the same names paired with other rows' renderings.
const FILES = ['wd_arabic_20', 'wd_chinese_20', 'wd_hebrew', 'wd_japanese_20', 'wd_korean', 'wd_russian_20']
const PAIRS = 300
const SHIFTS = [7, 14, 21, 28, 35, 42, 49, 56, 63, 70]
const FALSE_POSITIVE_RATE = 0.01

/** Recall at the smallest threshold whose false-positive rate on the negatives is at most `rate`. */
export function recallAtFalsePositiveRate(positives: number[], negatives: number[], rate: number): { recall: number; threshold: number } {
  const sorted = [...negatives].sort((a, b) => b - a)
  const threshold = sorted[Math.floor(negatives.length * rate)] ?? 0
  return { recall: positives.filter((s) => s > threshold).length / positives.length, threshold }
}

describe('Wikidata transliteration pairs', () => {
  it('reports recall at a 1% false-positive rate, at least 0.8 over all scripts', () => {
    const positives: number[] = []
    const negatives: number[] = []
    const report: string[] = []
    for (const file of FILES) {
      const rows = readFileSync(path.join(nameMatchingDir, 'wikidata-transliteration', file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .slice(0, PAIRS)
        .map((l) => l.split('\t'))
      const latin = rows.map((r) => normaliseName(r[0]!, 'person'))
      const native = rows.map((r) => normaliseName(file.endsWith('_20') ? r[1]!.replace(/ /g, '') : r[1]!, 'person'))
      const pos = rows.map((_, i) => compareNames(native[i]!, latin[i]!).score)
      const neg = SHIFTS.flatMap((k) => rows.map((_, i) => compareNames(native[i]!, latin[(i + k) % rows.length]!).score))
      positives.push(...pos)
      negatives.push(...neg)
      report.push(`${file} ${recallAtFalsePositiveRate(pos, neg, FALSE_POSITIVE_RATE).recall.toFixed(3)}`)
    }
    const { recall, threshold } = recallAtFalsePositiveRate(positives, negatives, FALSE_POSITIVE_RATE)
    console.info(`Wikidata recall at 1% FPR: ${recall.toFixed(3)} (threshold ${threshold.toFixed(3)}); ${report.join(', ')}`)
    expect(recall).toBeGreaterThanOrEqual(0.8)
  })
})
