import type { Configuration, Space, Value } from "@cosearch/space"

/**
 * The configuration with its properties in the space's parameter order (names the space does
 * not know, if any, last).
 *
 * @example
 * orderedConfiguration(space, { pe_y: 8, pe_x: 4 }) // { pe_x: 4, pe_y: 8 }
 */
export const orderedConfiguration = (space: Space, configuration: Configuration): Configuration => {
  const ordered: Record<string, Value> = {}
  for (const { name } of space.parameters) {
    const value = configuration[name]
    if (value !== undefined) ordered[name] = value
  }
  return { ...ordered, ...configuration }
}

const bareWord = /^[A-Za-z_][\w.+-]*$/

/** A value as it reads in a `key=value` line: plain words bare, other strings JSON-quoted. */
const displayValue = (value: Value): string => {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value)
  if (typeof value === "boolean") return String(value)
  return bareWord.test(value) && value !== "true" && value !== "false" ? value : JSON.stringify(value)
}

/**
 * A configuration as one readable line, `name=value` pairs in parameter order separated by
 * spaces; strings that could be misread (spaces, quotes, numbers, booleans) are JSON-quoted.
 *
 * @example
 * configurationLine(space, { dataflow: "ws", pe_x: 16 }) // "pe_x=16 dataflow=ws"
 */
export const configurationLine = (space: Space, configuration: Configuration): string =>
  Object.entries(orderedConfiguration(space, configuration))
    .map(([name, value]) => `${name}=${displayValue(value)}`)
    .join(" ")

/**
 * A configuration as one compact JSON object, properties in parameter order.
 *
 * @example
 * configurationJsonLine(space, { dataflow: "ws", pe_x: 16 }) // '{"pe_x":16,"dataflow":"ws"}'
 */
export const configurationJsonLine = (space: Space, configuration: Configuration): string =>
  JSON.stringify(orderedConfiguration(space, configuration))
