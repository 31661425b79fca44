import { type Expression, isReference } from "./expression.js"

/**
 * Removes the parts of an expression that refer to parameters that can never be active
 * (`gone`), following the evaluation rules: such a reference makes its comparison unknown,
 * `and` / `or` drop unknown operands, and `undefined` means the whole expression no longer
 * applies. Returns the expression itself when nothing refers to a gone parameter.
 *
 * @example
 * pruneExpression(expr.and(expr.le(expr.param("se"), 4), expr.le(expr.param("pe"), 8)), (name) => name === "se")
 * // { op: "and", args: [{ op: "<=", args: [{ param: "pe" }, 8] }] }
 */
export const pruneExpression = (expression: Expression, gone: (name: string) => boolean): Expression | undefined => {
  if (typeof expression !== "object") return expression
  if (isReference(expression)) return gone(expression.param) ? undefined : expression
  const args = expression.args.map((arg) => pruneExpression(arg, gone))
  const kept = args.filter((arg): arg is Expression => arg !== undefined)
  const same = kept.length === args.length && args.every((arg, index) => arg === expression.args[index])
  if (same) return expression
  if (expression.op === "and" || expression.op === "or") return kept.length === 0 ? undefined : { op: expression.op, args: kept }
  const [a, b] = kept
  if (kept.length < args.length || a === undefined) return undefined
  if (expression.op === "not") return { op: "not", args: [a] }
  return b === undefined ? undefined : { op: expression.op, args: [a, b] }
}
