import type { Configuration } from "@cosearch/space"

/**
 * Reads a numeric knob from a configuration, failing loudly on a wrong type: decoders run on
 * configurations the space already validated, so a mismatch is a programming error.
 *
 * @example
 * numberKnob({ pe_x: 4 }, "pe_x") // 4
 */
export const numberKnob = (config: Configuration, name: string): number => {
  const value = config[name]
  if (typeof value !== "number") throw new TypeError(`knob "${name}" must be a number, got ${JSON.stringify(value)}`)
  return value
}
