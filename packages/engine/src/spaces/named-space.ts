import type { AcceleratorUnit, SlotSystemResult } from "@cosearch/accelerator"
import type { Network } from "@cosearch/network"
import { type Configuration, projectConfiguration, type Space } from "@cosearch/space"

/**
 * What a configuration of a built-in space describes: an accelerator unit (a knob space of an
 * accelerator kind, decoded by it), a network (not yet analyzed), a heterogeneous system (built
 * and validated, or the reason it is not), or, for a joint space, each part decoded under its
 * namespace.
 *
 * @example
 * const decoded: DecodedConfiguration = { kind: "joint", parts: { nn: { kind: "network", network }, hw: { kind: "accelerator", unit } } }
 */
export type DecodedConfiguration =
  | { readonly kind: "accelerator"; readonly unit: AcceleratorUnit }
  | { readonly kind: "network"; readonly network: Network }
  | { readonly kind: "system"; readonly build: SlotSystemResult }
  | { readonly kind: "joint"; readonly parts: Readonly<Record<string, DecodedConfiguration>> }

/**
 * A built-in search space: its name on the command line, a one-line summary, the space and how
 * to turn one of its (valid) configurations into what it describes.
 *
 * @example
 * const entry: NamedSpace = { name: "nb201", summary: "NAS-Bench-201 cells", space: nb201Space, decode: (c) => ({ kind: "network", network: nb201NetworkOf(c) }) }
 */
export interface NamedSpace {
  readonly name: string
  readonly summary: string
  readonly space: Space
  /** Decodes a valid configuration of `space`; throws on configurations that are not. */
  readonly decode: (configuration: Configuration) => DecodedConfiguration
}

/**
 * The decoded parts of a configuration, a joint one flattened.
 *
 * @example
 * decodedParts({ kind: "joint", parts: { nn: network, hw: knobs } }) // [network, knobs]
 */
export const decodedParts = (decoded: DecodedConfiguration): DecodedConfiguration[] =>
  decoded.kind === "joint" ? Object.values(decoded.parts).flatMap(decodedParts) : [decoded]

/**
 * The network part of a decoded configuration and a key for it that repeats whenever the network
 * does: the JSON of the configuration's network part (the whole configuration for a network
 * space, the part's projection for a joint one). Caches of analyzed networks key on it.
 *
 * @example
 * networkPartOf(entry.decode(configuration), configuration)?.key // '{"edge_1_0":"conv_3x3",...}'
 */
export const networkPartOf = (
  decoded: DecodedConfiguration,
  configuration: Configuration,
): { readonly key: string; readonly network: Network } | undefined => {
  if (decoded.kind === "network") return { key: JSON.stringify(configuration), network: decoded.network }
  if (decoded.kind !== "joint") return undefined
  for (const [namespace, part] of Object.entries(decoded.parts)) {
    if (part.kind !== "network" && part.kind !== "joint") continue
    const found = networkPartOf(part, projectConfiguration(configuration, namespace))
    if (found !== undefined) return found
  }
  return undefined
}
