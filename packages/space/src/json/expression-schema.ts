import { ParseResult, Schema } from "effect"
import { arithmeticOperators, comparisonOperators, type Expression } from "../expression/expression.js"
import { formatValue } from "../value/value.js"

/** One structural problem of an expression: the path below the expression and the message. */
interface ExpressionProblem {
  readonly path: readonly (string | number)[]
  readonly message: string
}

const binaryOperators: readonly string[] = [...arithmeticOperators, ...comparisonOperators]
const operators: readonly string[] = [...binaryOperators, "and", "or", "not"]

const arity = (op: string): { readonly min: number; readonly max: number; readonly words: string } => {
  if (op === "not") return { min: 1, max: 1, words: "one operand" }
  if (op === "and" || op === "or") return { min: 1, max: Number.POSITIVE_INFINITY, words: "one or more operands" }
  return { min: 2, max: 2, words: "two operands" }
}

const isRecord = (input: unknown): input is Readonly<Record<string, unknown>> =>
  typeof input === "object" && input !== null && !Array.isArray(input)

/** Walks an unknown value, listing every way it is not an expression. */
const expressionProblems = (input: unknown, path: readonly (string | number)[] = []): ExpressionProblem[] => {
  if (typeof input === "string" || typeof input === "boolean") return []
  if (typeof input === "number")
    return Number.isFinite(input) ? [] : [{ path, message: `expected a finite number, got ${formatValue(input)}` }]
  if (!isRecord(input)) {
    return [{ path, message: `expected a literal, { "param": name } or { "op", "args" }, got ${formatValue(input)}` }]
  }
  const extra = (allowed: readonly string[]): ExpressionProblem[] =>
    Object.keys(input)
      .filter((key) => !allowed.includes(key))
      .map((key) => ({
        path: [...path, key],
        message: `unexpected field; an expression node has only ${allowed.map((a) => `"${a}"`).join(" and ")}`,
      }))
  if ("param" in input) {
    const name = input.param
    const own =
      typeof name === "string" && name !== ""
        ? []
        : [{ path: [...path, "param"], message: `expected a parameter name, got ${formatValue(name)}` }]
    return [...own, ...extra(["param"])]
  }
  if (!("op" in input)) {
    return [{ path, message: `expected { "param": name } or { "op", "args" }, got ${formatValue(input)}` }]
  }
  const op = input.op
  if (typeof op !== "string" || !operators.includes(op)) {
    return [
      { path: [...path, "op"], message: `expected one of ${operators.map((o) => `"${o}"`).join(", ")}, got ${formatValue(op)}` },
      ...extra(["op", "args"]),
    ]
  }
  const args = input.args
  const { min, max, words } = arity(op)
  if (!Array.isArray(args) || args.length < min || args.length > max) {
    return [{ path: [...path, "args"], message: `"${op}" takes ${words}, got ${formatValue(args)}` }, ...extra(["op", "args"])]
  }
  return [...extra(["op", "args"]), ...args.flatMap((arg, index) => expressionProblems(arg, [...path, "args", index]))]
}

/**
 * The JSON form of a constraint expression: a number, string or boolean literal,
 * `{ "param": name }`, or `{ "op", "args" }` with `op` one of `+ - * /`, `< <= > >= == !=` (two
 * operands), `and` / `or` (one or more) and `not` (one). Each problem is reported at its own
 * path (`args[1].op`), not as a tangle of union alternatives.
 *
 * @example
 * Schema.decodeUnknownSync(ExpressionJsonSchema)({ op: "<=", args: [{ param: "pe_x" }, 64] })
 */
export const ExpressionJsonSchema: Schema.Schema<Expression> = Schema.declare(
  [],
  {
    decode: () => (input, _, ast) => {
      const problems = expressionProblems(input)
      if (problems.length === 0) return ParseResult.succeed(input as Expression)
      const [first, ...rest] = problems.map((problem): ParseResult.ParseIssue => {
        const [head, ...tail] = problem.path
        const issue = new ParseResult.Type(ast, input, problem.message)
        return head === undefined ? issue : new ParseResult.Pointer([head, ...tail], input, issue)
      })
      return ParseResult.fail(
        first !== undefined && rest.length === 0
          ? first
          : new ParseResult.Composite(ast, input, [first as ParseResult.ParseIssue, ...rest]),
      )
    },
    encode: () => (input) => ParseResult.succeed(input as Expression),
  },
  { identifier: "Expression" },
)
