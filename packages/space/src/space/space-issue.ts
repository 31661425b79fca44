/**
 * One problem in a space definition or file: where (`parameters[2].values`) and what is wrong.
 *
 * @example
 * const issue: SpaceIssue = { path: "parameters[2].low", message: 'parameter "lr" has a log scale, which needs low > 0, got 0' }
 */
export interface SpaceIssue {
  readonly path: string
  readonly message: string
}

/**
 * Joins issues into one message, one `path: message` line each.
 *
 * @example
 * formatSpaceIssues([{ path: "parameters[0].values", message: "expected at least one value, got []" }])
 * // "parameters[0].values: expected at least one value, got []"
 */
export const formatSpaceIssues = (issues: readonly SpaceIssue[]): string =>
  issues.map((issue) => `${issue.path}: ${issue.message}`).join("\n")

/**
 * Thrown by `defineSpace` (and other edges) when a definition is invalid; `issues` has each problem.
 *
 * @example
 * try { defineSpace(definition) } catch (error) { if (error instanceof InvalidSpaceError) console.error(error.issues) }
 */
export class InvalidSpaceError extends Error {
  override readonly name = "InvalidSpaceError"
  constructor(
    readonly space: string,
    readonly issues: readonly SpaceIssue[],
  ) {
    super(`space "${space}" is invalid:\n${issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join("\n")}`)
  }
}
