import type { ConfigurationIssue } from "../validate/configuration-issue.js"

/**
 * How many rejected draws one constraint caused.
 *
 * @example
 * const rejection: Rejection = { constraint: "pe-budget", count: 9120 }
 */
export interface Rejection {
  readonly constraint: string
  readonly count: number
}

/**
 * The constraints rejected every draw of an operation within its bounded number of tries. The
 * message names the constraints that rejected most draws.
 *
 * @example
 * const result = sample(space, rng)
 * if (!result.ok && result.reason === "constraints-exhausted") console.error(result.rejections[0]?.constraint)
 */
export interface ConstraintsExhausted {
  readonly ok: false
  readonly reason: "constraints-exhausted"
  readonly operation: "sample" | "mutate" | "crossover"
  readonly tries: number
  /** Constraints by the number of draws they rejected, most first. */
  readonly rejections: readonly Rejection[]
  readonly message: string
}

/**
 * A configuration given to an operation is not a valid point of the space.
 *
 * @example
 * const genome = configurationToGenome(space, { pe_x: 5 })
 * if (isFailure(genome)) console.error(genome.issues[0]?.message)
 */
export interface InvalidConfiguration {
  readonly ok: false
  readonly reason: "invalid-configuration"
  readonly issues: readonly ConfigurationIssue[]
  readonly message: string
}

/**
 * An expected failure of a space operation, returned as a value.
 *
 * @example
 * const failure: SpaceFailure = { ok: false, reason: "invalid-configuration", issues: [], message: "..." }
 */
export type SpaceFailure = ConstraintsExhausted | InvalidConfiguration

/**
 * Whether a genome-returning operation failed (its result is not a `Float64Array`).
 *
 * @example
 * const genome = sampleGenome(space, rng, buffer)
 * if (isFailure(genome)) throw new Error(genome.message)
 */
export const isFailure = (result: Float64Array | SpaceFailure): result is SpaceFailure => !(result instanceof Float64Array)

/**
 * Builds the failure of an operation whose constraints rejected all `tries` draws.
 *
 * @example
 * constraintsExhausted("sample", "accelerator", 10_000, ["pe-budget"], Float64Array.of(10_000))
 */
export const constraintsExhausted = (
  operation: ConstraintsExhausted["operation"],
  space: string,
  tries: number,
  names: readonly string[],
  counts: Float64Array,
): ConstraintsExhausted => {
  const rejections = names
    .map((constraint, index) => ({ constraint, count: counts[index] ?? 0 }))
    .filter((rejection) => rejection.count > 0)
    .sort((a, b) => b.count - a.count)
  const top = rejections
    .slice(0, 3)
    .map((rejection) => `"${rejection.constraint}" rejected ${rejection.count} of ${tries} draws`)
    .join(", ")
  const message =
    `${operation}: no configuration of space "${space}" satisfied its constraints in ${tries} draws; ` +
    `the feasible region looks empty (or very small). ${top === "" ? "" : `Most rejections: ${top}.`}`
  return { ok: false, reason: "constraints-exhausted", operation, tries, rejections, message: message.trimEnd() }
}

/**
 * Builds the failure for an invalid configuration from its issues.
 *
 * @example
 * invalidConfiguration([{ kind: "unknown-parameter", parameter: "pe_z", message: 'unknown parameter "pe_z"' }])
 */
export const invalidConfiguration = (issues: readonly ConfigurationIssue[]): InvalidConfiguration => ({
  ok: false,
  reason: "invalid-configuration",
  issues,
  message: `invalid configuration:\n${issues.map((issue) => `  - ${issue.message}`).join("\n")}`,
})
