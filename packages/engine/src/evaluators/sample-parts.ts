import { sampleMany } from "@cosearch/space"
import { type DecodedConfiguration, decodedParts } from "../spaces/named-space.js"
import type { EvaluatorContext } from "./evaluator.js"

/**
 * The decoded parts of one sample configuration: what the space gives an evaluator, for its
 * `check` (empty for a space without a built-in decoder).
 *
 * @example
 * sampleParts(context).some((part) => part.kind === "network")
 */
export const sampleParts = ({ space, entry }: EvaluatorContext): DecodedConfiguration[] => {
  const [sample] = sampleMany(space, 1, "evaluator-check")
  return entry === undefined || sample === undefined ? [] : decodedParts(entry.decode(sample))
}
