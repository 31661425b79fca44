import { type JsonReader, readFiniteArray, readIntArray, readNumber } from "../../json/read-json.js"
import type { Forest } from "./forest.js"

/** A forest as plain JSON. */
export const forestJson = (forest: Forest): Record<string, unknown> => ({
  base: forest.base,
  roots: Array.from(forest.roots),
  feature: Array.from(forest.feature),
  threshold: Array.from(forest.threshold),
  left: Array.from(forest.left),
  right: Array.from(forest.right),
  value: Array.from(forest.value),
})

/**
 * Reads a forest from JSON, checking every array (lengths agree, child and root indices point at
 * nodes, features are below `width`); throws `SurrogateFormatError` naming the path.
 */
export const forestFromJson = (json: JsonReader, width: number): Forest => {
  const feature = readIntArray(json.at("feature"), -1, width - 1)
  const nodes = feature.length
  const forest: Forest = {
    base: readNumber(json.at("base")),
    roots: readIntArray(json.at("roots"), 0, nodes - 1),
    feature,
    threshold: readFiniteArray(json.at("threshold"), nodes),
    left: readIntArray(json.at("left"), -1, nodes - 1, nodes),
    right: readIntArray(json.at("right"), -1, nodes - 1, nodes),
    value: readFiniteArray(json.at("value"), nodes),
  }
  for (let node = 0; node < nodes; node++) {
    if ((feature[node] as number) >= 0 && ((forest.left[node] as number) <= node || (forest.right[node] as number) <= node)) {
      json.at("left").at(node).fail("child indices after their parent's index (a tree without cycles)")
    }
  }
  return forest
}
