import { productSpace, projectConfiguration } from "@cosearch/space"
import type { DecodedConfiguration, NamedSpace } from "./named-space.js"

/**
 * The joint space of named parts (`productSpace`, parameters prefixed `nn.`, `hw.`, ...) whose
 * decode projects a joint configuration onto each part and decodes it with the part's decoder.
 *
 * @example
 * const joint = jointSpace("nb201-edgetpu", "NB201 cell x Edge TPU knobs", { nn: nb201Entry, hw: edgeTpuKnobsEntry })
 * joint.decode(config) // { kind: "joint", parts: { nn: { kind: "network", ... }, hw: { kind: "edgetpu-knobs", ... } } }
 */
export const jointSpace = (name: string, summary: string, parts: Readonly<Record<string, NamedSpace>>): NamedSpace => {
  const entries = Object.entries(parts)
  return {
    name,
    summary,
    space: productSpace(Object.fromEntries(entries.map(([namespace, part]) => [namespace, part.space])), { name }),
    decode: (configuration) => {
      const decoded: Record<string, DecodedConfiguration> = {}
      for (const [namespace, part] of entries) decoded[namespace] = part.decode(projectConfiguration(configuration, namespace))
      return { kind: "joint", parts: decoded }
    },
  }
}
