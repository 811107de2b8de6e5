import { describe, expect, it } from 'vitest'
import { parseLabels } from '../../src/eval/labels.ts'
import { ratio, scores } from '../../src/eval/metrics.ts'
import { addRecord, newTally, summarise } from '../../src/eval/tally.ts'

describe('scores', () => {
  it('computes precision, recall and F1 from counts', () => {
    // 6 flagged, 4 of them illicit; 8 illicit in all
    const s = scores(4, 2, 4)
    expect(s.precision).toBeCloseTo(4 / 6)
    expect(s.recall).toBeCloseTo(0.5)
    expect(s.f1).toBeCloseTo((2 * (4 / 6) * 0.5) / (4 / 6 + 0.5))
  })
  it('is 0 rather than NaN when nothing is flagged or nothing is illicit', () => {
    expect(scores(0, 0, 0)).toEqual({ precision: 0, recall: 0, f1: 0 })
    expect(ratio(3, 0)).toBe(0)
  })
})

describe('parseLabels', () => {
  it('reads id,is_illicit,instance_id,typology with empty fields for benign rows', () => {
    const labels = parseLabels('id,is_illicit,instance_id,typology\nt1,0,,\nt2,1,I1,cycle\r\n')
    expect(labels.get('t1')).toEqual({ illicit: false, instance: '', typology: '' })
    expect(labels.get('t2')).toEqual({ illicit: true, instance: 'I1', typology: 'cycle' })
  })
  it('refuses a file without the expected header or with a bad flag', () => {
    expect(() => parseLabels('id,label\nt1,1\n')).toThrow(/header/)
    expect(() => parseLabels('id,is_illicit,instance_id,typology\nt1,yes,,\n')).toThrow(/line 2/)
  })
})

describe('tally', () => {
  const illicit = (instance: string, typology: string) => ({ illicit: true, instance, typology })
  const benign = { illicit: false, instance: '', typology: '' }
  const hit = (...rules: string[]) => ({ flagged: true, rules })
  const clear = (...rules: string[]) => ({ flagged: false, rules })

  it('counts transactions, instances, typologies, rules and the benign alert rate', () => {
    const t = newTally()
    // instance A (cycle): 1 of 2 records flagged -> found
    addRecord(t, illicit('A', 'cycle'), hit('cycle'))
    addRecord(t, illicit('A', 'cycle'), clear())
    // instance B (cycle): nothing flagged, but a rule hit below the review threshold
    addRecord(t, illicit('B', 'cycle'), clear('cycle'))
    // instance C (velocity): flagged
    addRecord(t, illicit('C', 'velocity'), hit('velocity-burst'))
    // benign: 1 false alert out of 4
    addRecord(t, benign, hit('cycle'))
    addRecord(t, benign, clear())
    addRecord(t, benign, clear())
    addRecord(t, benign, undefined)
    // not in the labels: counted, left out of every figure
    addRecord(t, undefined, hit('cycle'))

    const r = summarise(t)
    expect(r).toMatchObject({ records: 9, labelled: 8, unlabelled: 1, errors: 1, illicit: 4, benign: 4, flagged: 3 })
    expect(r.transactions).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 2, trueNegatives: 3 })
    expect(r.transactions.precision).toBeCloseTo(2 / 3)
    expect(r.transactions.recall).toBeCloseTo(0.5)
    expect(r.instances).toEqual({ total: 3, found: 2, recall: 2 / 3 })
    expect(r.benignAlertRate).toBeCloseTo(0.25)
    expect(r.typologies).toEqual([
      { typology: 'cycle', instances: 2, found: 1, recall: 0.5, transactions: 3, flagged: 1 },
      { typology: 'velocity', instances: 1, found: 1, recall: 1, transactions: 1, flagged: 1 },
    ])
    expect(r.rules).toEqual([
      { rule: 'cycle', hits: 3, illicit: 2, precision: 2 / 3, falseAlerts: 1, instances: 2 },
      { rule: 'velocity-burst', hits: 1, illicit: 1, precision: 1, falseAlerts: 0, instances: 1 },
    ])
  })
})
