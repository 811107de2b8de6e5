/** No rule set has been activated yet: nothing can be screened. */
export class NoActiveRulesetError extends Error {
  constructor() {
    super('no rule set is active; publish one with POST /v1/rulesets and activate it')
  }
}

/** A stored rule-set version that no longer compiles (e.g. after a core upgrade changed the rule language). */
export class StoredRulesetBrokenError extends Error {
  constructor(
    readonly version: string,
    detail: string,
  ) {
    super(`stored rule set ${version} does not compile: ${detail}`)
  }
}
