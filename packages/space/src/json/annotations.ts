import type { ParseResult } from "effect"
import { formatValue } from "../value/value.js"

/**
 * A schema annotation replacing Effect's wording with "expected <what>, got <value>". For
 * containers (lists, structs) pass `override: false` so the messages of their items still show.
 *
 * @example
 * Schema.Number.annotations(expected("a finite number"))
 * Schema.Array(item).annotations(expected("a list of values", false))
 */
export const expected = (what: string, override = true) => ({
  message: (issue: ParseResult.ParseIssue) => ({ message: `expected ${what}, got ${formatValue(issue.actual)}`, override }),
})
