import type { EdgeTpuKnobs, SlotSystemResult, SystolicKnobs } from "@cosearch/accelerator"
import type { Network } from "@cosearch/network"
import type { Configuration, Space } from "@cosearch/space"

/**
 * What a configuration of a built-in space describes: accelerator knobs as a typed record, a
 * network (not yet analysed), a heterogeneous system (built and validated, or the reason it is
 * not), or, for a joint space, each part decoded under its namespace.
 *
 * @example
 * const decoded: DecodedConfiguration = { kind: "joint", parts: { nn: { kind: "network", network }, hw: { kind: "edgetpu-knobs", knobs } } }
 */
export type DecodedConfiguration =
  | { readonly kind: "edgetpu-knobs"; readonly knobs: EdgeTpuKnobs }
  | { readonly kind: "systolic-knobs"; readonly knobs: SystolicKnobs }
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
