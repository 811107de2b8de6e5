import type { Db } from '../../../src/store/db.ts'
import type { PartitionLink } from '../../../src/service/partitioned/partitioned-realtime.ts'
import { PartitionState, type PartitionCall } from '../../../src/service/partitioned/partition-state.ts'
import { RulesetService } from '../../../src/service/rulesets.ts'

/**
 * The partitions as objects in this process, each with its own rule-set cache as a Durable Object has, and
 * every call and answer through JSON as over the wire. `restart` drops them all: the next calls rebuild.
 */
export function inProcessPartitions(db: Db): PartitionLink & { restart(): void; states: Map<number, PartitionState> } {
  const states = new Map<number, PartitionState>()
  const state = (p: number) => {
    let s = states.get(p)
    if (!s) states.set(p, (s = new PartitionState({ withDb: (use) => use(db), rulesets: new RulesetService() })))
    return s
  }
  return {
    states,
    async screen(call: PartitionCall) {
      const sent = JSON.parse(JSON.stringify(call)) as PartitionCall
      return JSON.parse(JSON.stringify(await state(sent.partition).screen(sent)))
    },
    async forget(p: number) {
      states.get(p)?.forget()
    },
    restart() {
      states.clear()
    },
  }
}
