import { formatValue, formatValues } from "../value/value.js"
import type { Parameter } from "./parameter.js"

/**
 * The values a parameter allows, in words, for messages and summaries.
 *
 * @example
 * describeDomain(ordinal("pe_x", [4, 8, 16])) // "one of 4, 8, 16"
 * describeDomain(integer("batch", 1, 256, { scale: "log" })) // "an integer in [1, 256] (log scale)"
 */
export const describeDomain = (parameter: Parameter): string => {
  switch (parameter.kind) {
    case "categorical":
    case "ordinal":
      return parameter.values.length === 1 ? `only ${formatValue(parameter.values[0])}` : `one of ${formatValues(parameter.values)}`
    case "boolean":
      return "true or false"
    default: {
      const what = parameter.kind === "integer" ? "an integer" : "a number"
      const range = `[${formatValue(parameter.low)}, ${formatValue(parameter.high)}]`
      return `${what} in ${range}${parameter.scale === "log" ? " (log scale)" : ""}`
    }
  }
}
