/**
 * One problem in an experiment file: its JSON path and what is wrong there, worded
 * "expected A, got B" where that fits.
 *
 * @example
 * const issue: ConfigIssue = { path: "optimizer.population", message: "expected a positive integer, got -3" }
 */
export interface ConfigIssue {
  readonly path: string
  readonly message: string
}

/**
 * Prefixes the paths of issues found inside a part of the file.
 *
 * @example
 * within("evaluator", [{ path: "accuracyColumn", message: "..." }]) // [{ path: "evaluator.accuracyColumn", ... }]
 */
export const within = (prefix: string, issues: readonly ConfigIssue[]): ConfigIssue[] =>
  issues.map((issue) => ({
    path: issue.path === "(root)" ? prefix : issue.path.startsWith("[") ? `${prefix}${issue.path}` : `${prefix}.${issue.path}`,
    message: issue.message,
  }))

/**
 * One line per issue: `path: message`.
 *
 * @example
 * formatConfigIssues([{ path: "budget.trials", message: "expected a positive integer, got 0" }]) // "budget.trials: expected a positive integer, got 0"
 */
export const formatConfigIssues = (issues: readonly ConfigIssue[]): string =>
  issues.map((issue) => `${issue.path}: ${issue.message}`).join("\n")
