import { compileSpace } from "../compile/compiled-space.js"
import type { Space } from "../space/space.js"
import type { Configuration, Value } from "../value/value.js"

const keyText = (value: Value | undefined): string => {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value)
  if (typeof value === "string") return JSON.stringify(value)
  return String(value)
}

/**
 * A deterministic string for a configuration, for de-duplication: `name=value` in the space's
 * parameter order joined by `;`, strings JSON-quoted (so `"8"` and `8` differ), numbers in
 * JavaScript's shortest round-trip form. The same configuration gives the same key whatever
 * the order of its properties; names the space does not know come last, sorted.
 *
 * @example
 * canonicalKey(space, { pe_y: 8, dataflow: "ws", pe_x: 16 }) // 'pe_x=16;pe_y=8;dataflow="ws"'
 */
export const canonicalKey = (space: Space, config: Configuration): string => {
  const compiled = compileSpace(space)
  let key = ""
  for (const name of compiled.names) {
    if (!Object.hasOwn(config, name)) continue
    key += `${key === "" ? "" : ";"}${name}=${keyText(config[name])}`
  }
  const extra = Object.keys(config)
    .filter((name) => !compiled.indexOf.has(name))
    .sort()
  for (const name of extra) key += `${key === "" ? "" : ";"}${JSON.stringify(name)}=${keyText(config[name])}`
  return key
}
