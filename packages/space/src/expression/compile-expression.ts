import type { Value } from "../value/value.js"
import { type Expression, isReference } from "./expression.js"

/**
 * Reads one parameter's value from an input (a configuration, a genome); `undefined` when the
 * parameter is inactive.
 *
 * @example
 * const readPeX: ValueReader<Configuration> = (config) => config.pe_x
 */
export type ValueReader<I> = (input: I) => Value | undefined

/**
 * A compiled constraint expression: `true` when the input satisfies it.
 *
 * @example
 * const fits: Predicate<Configuration> = compileExpression(expression, (name) => (config) => config[name])
 */
export type Predicate<I> = (input: I) => boolean

type Node<I> = (input: I) => Value | undefined

const arithmetic = <I>(op: string, a: Node<I>, b: Node<I>): Node<I> => {
  const numbers =
    (f: (x: number, y: number) => number): Node<I> =>
    (input) => {
      const x = a(input)
      if (x === undefined) return undefined
      const y = b(input)
      return y === undefined ? undefined : f(x as number, y as number)
    }
  switch (op) {
    case "+":
      return numbers((x, y) => x + y)
    case "-":
      return numbers((x, y) => x - y)
    case "*":
      return numbers((x, y) => x * y)
    default:
      return numbers((x, y) => x / y)
  }
}

const comparison = <I>(op: string, a: Node<I>, b: Node<I>): Node<I> => {
  const compare =
    (f: (x: Value, y: Value) => boolean): Node<I> =>
    (input) => {
      const x = a(input)
      if (x === undefined) return undefined
      const y = b(input)
      return y === undefined ? undefined : f(x, y)
    }
  switch (op) {
    case "<":
      return compare((x, y) => x < y)
    case "<=":
      return compare((x, y) => x <= y)
    case ">":
      return compare((x, y) => x > y)
    case ">=":
      return compare((x, y) => x >= y)
    case "==":
      return compare((x, y) => x === y)
    default:
      return compare((x, y) => x !== y)
  }
}

/** `and`: false if any operand is false, else true if any is true, else unknown (all inactive). */
const conjunction =
  <I>(args: readonly Node<I>[]): Node<I> =>
  (input) => {
    let known = false
    for (const arg of args) {
      const value = arg(input)
      if (value === false) return false
      if (value !== undefined) known = true
    }
    return known ? true : undefined
  }

/** `or`: true if any operand is true, else false if any is false, else unknown (all inactive). */
const disjunction =
  <I>(args: readonly Node<I>[]): Node<I> =>
  (input) => {
    let known = false
    for (const arg of args) {
      const value = arg(input)
      if (value === true) return true
      if (value !== undefined) known = true
    }
    return known ? false : undefined
  }

const compileNode = <I>(expression: Expression, read: (name: string) => ValueReader<I>): Node<I> => {
  if (typeof expression !== "object") return () => expression
  if (isReference(expression)) return read(expression.param)
  const args = expression.args.map((arg) => compileNode(arg, read))
  const [a = () => undefined, b = () => undefined] = args
  switch (expression.op) {
    case "and":
      return conjunction(args)
    case "or":
      return disjunction(args)
    case "not":
      return (input) => {
        const value = a(input)
        return value === undefined ? undefined : !value
      }
    case "+":
    case "-":
    case "*":
    case "/":
      return arithmetic(expression.op, a, b)
    default:
      return comparison(expression.op, a, b)
  }
}

/**
 * Compiles an expression to a predicate over any input, given how to read a parameter from it.
 *
 * A reference to an inactive parameter makes the comparisons and arithmetic that use it
 * unknown; `and` / `or` skip unknown operands, and a constraint whose whole expression is unknown
 * holds (it does not apply to that configuration).
 *
 * @example
 * const fits = compileExpression(expr.le(expr.param("pe_x"), 64), (name) => (config: Configuration) => config[name])
 * fits({ pe_x: 32 }) // true
 */
export const compileExpression = <I>(expression: Expression, read: (name: string) => ValueReader<I>): Predicate<I> => {
  const root = compileNode(expression, read)
  return (input) => root(input) !== false
}
