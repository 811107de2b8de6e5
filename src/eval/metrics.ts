/** Precision, recall and F1 from counts; a ratio with nothing to divide by is 0, not NaN, so JSON stays valid. */
export interface Scores {
  precision: number
  recall: number
  f1: number
}

export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0
}

export function scores(truePositives: number, falsePositives: number, falseNegatives: number): Scores {
  const precision = ratio(truePositives, truePositives + falsePositives)
  const recall = ratio(truePositives, truePositives + falseNegatives)
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
  return { precision, recall, f1 }
}
