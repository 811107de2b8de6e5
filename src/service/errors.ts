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

/** A retry under an Idempotency-Key whose body differs from the upload first sent under it. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly batchId: string) {
    super(`this Idempotency-Key was used for batch ${batchId} with a different body; use a new key for a new upload`)
  }
}

/** A real-time transfer id whose first call has not written it yet (a retry racing it): no decision yet. */
export class TransferInFlightError extends Error {
  constructor(readonly transferId: string) {
    super(`transfer ${transferId} is being screened by an earlier call; retry shortly for its verdict`)
  }
}

/** A real-time transfer id screened before with a different body. */
export class TransferIdReusedError extends Error {
  constructor(readonly transferId: string) {
    super(`transfer ${transferId} was screened before with a different body; a new transfer needs a new id`)
  }
}

/** No stored case has this id. */
export class UnknownCaseError extends Error {
  constructor(readonly caseId: string) {
    super(`There is no case ${caseId}.`)
  }
}

/** A report's header needs the reporting-entity file, and the service was started without one. */
export class NoReportingEntityError extends Error {
  constructor() {
    super('no reporting-entity file is configured: start the service with TXSCREEN_GOAML_ENTITY=FILE (see docs/interop.md)')
  }
}

/** The case cannot be reported: none of its evidence records is kept any more, or a currency has no rate. */
export class UnreportableCaseError extends Error {}
