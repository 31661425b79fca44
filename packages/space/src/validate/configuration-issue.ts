/**
 * The ways a configuration can be invalid.
 *
 * @example
 * const kind: ConfigurationIssueKind = "out-of-range"
 */
export type ConfigurationIssueKind =
  | "unknown-parameter"
  | "missing-parameter"
  | "inactive-parameter"
  | "value-not-allowed"
  | "out-of-range"
  | "not-integer"
  | "constraint-violated"

/**
 * One problem of a configuration. The message names the parameter (or constraint) and what is
 * allowed there.
 *
 * @example
 * const issue: ConfigurationIssue = {
 *   kind: "value-not-allowed",
 *   parameter: "pe_x",
 *   message: 'parameter "pe_x": 5 is not allowed; allowed: one of 4, 8, 16',
 * }
 */
export interface ConfigurationIssue {
  readonly kind: ConfigurationIssueKind
  readonly parameter?: string
  readonly constraint?: string
  readonly message: string
}
