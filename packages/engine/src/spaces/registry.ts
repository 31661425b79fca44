import type { KnobSpace } from "@cosearch/accelerator"
import { acceleratorKinds } from "@cosearch/cost"
import { edgeTpuNetOf, edgeTpuNetSpace, fbnetNetworkOf, fbnetSpace, nb201NetworkOf, nb201Space } from "@cosearch/network"
import { heteroSystemEntry } from "./hetero-system.js"
import { jointSpace } from "./joint-space.js"
import type { NamedSpace } from "./named-space.js"

/** A knob space of an accelerator kind as a built-in space: it decodes to the kind's unit. */
const knobSpaceEntry = (knobs: KnobSpace): NamedSpace => ({
  name: knobs.name,
  summary: knobs.summary,
  space: knobs.space,
  decode: (configuration) => ({ kind: "accelerator", unit: knobs.decode(configuration) }),
})

/** The accelerator kinds' knob spaces, kind by kind (`acceleratorKinds.knobSpaces`). */
const knobSpaceEntries: readonly NamedSpace[] = acceleratorKinds.knobSpaces.map(knobSpaceEntry)

const knobSpaceNamed = (name: string): NamedSpace => {
  const entry = knobSpaceEntries.find((candidate) => candidate.name === name)
  if (entry === undefined) throw new Error(`no accelerator kind has the knob space "${name}"`)
  return entry
}

const edgeTpuKnobsSpace = knobSpaceNamed("edgetpu-knobs")

const nb201NetworkSpace: NamedSpace = {
  name: "nb201",
  summary: "NAS-Bench-201 cells: one of 5 operations on each of 6 edges (CIFAR network)",
  space: nb201Space,
  decode: (configuration) => ({ kind: "network", network: nb201NetworkOf(configuration) }),
}

const fbnetNetworkSpace: NamedSpace = {
  name: "fbnet",
  summary: "FBNet: one of 9 blocks for each of 22 layers (ImageNet network)",
  space: fbnetSpace,
  decode: (configuration) => ({ kind: "network", network: fbnetNetworkOf(configuration) }),
}

const edgeTpuNetworkSpace: NamedSpace = {
  name: "edgetpu-net",
  summary: "EfficientNet-EdgeTPU-S-like networks: block type, kernel, expansion, width, depth and SE per stage",
  space: edgeTpuNetSpace,
  decode: (configuration) => ({ kind: "network", network: edgeTpuNetOf(configuration) }),
}

/**
 * The built-in spaces, in listing order: the accelerator kinds' knob spaces (from the registry,
 * `acceleratorKinds.knobSpaces`), network spaces, joint network × accelerator spaces (`nn.` and
 * `hw.` parameters), then heterogeneous systems.
 *
 * @example
 * builtInSpaces.map((entry) => entry.name) // ["edgetpu-knobs", "apollo-edgetpu-knobs", ..., "nb201-edgetpu", "hetero-system"]
 */
export const builtInSpaces: readonly NamedSpace[] = [
  ...knobSpaceEntries,
  nb201NetworkSpace,
  fbnetNetworkSpace,
  edgeTpuNetworkSpace,
  jointSpace("edgetpu-joint", "edgetpu-net networks (nn.) jointly with Edge TPU knobs (hw.)", {
    nn: edgeTpuNetworkSpace,
    hw: edgeTpuKnobsSpace,
  }),
  jointSpace("nb201-edgetpu", "NAS-Bench-201 cells (nn.) jointly with Edge TPU knobs (hw.)", {
    nn: nb201NetworkSpace,
    hw: edgeTpuKnobsSpace,
  }),
  heteroSystemEntry,
]

/**
 * The names of the built-in spaces, in listing order.
 *
 * @example
 * builtInSpaceNames.includes("nb201") // true
 */
export const builtInSpaceNames: readonly string[] = builtInSpaces.map((entry) => entry.name)

/**
 * The outcome of `lookupSpace`: the entry, or a message naming the unknown name and the known ones.
 *
 * @example
 * const found: SpaceLookup = lookupSpace("nb201")
 * if (found.ok) found.entry.space
 */
export type SpaceLookup = { readonly ok: true; readonly entry: NamedSpace } | { readonly ok: false; readonly message: string }

/**
 * Finds a built-in space by name.
 *
 * @example
 * lookupSpace("nb201x") // { ok: false, message: 'unknown space "nb201x"; the built-in spaces are edgetpu-knobs, ...' }
 */
export const lookupSpace = (name: string): SpaceLookup => {
  const entry = builtInSpaces.find((candidate) => candidate.name === name)
  return entry === undefined
    ? { ok: false, message: `unknown space "${name}"; the built-in spaces are ${builtInSpaceNames.join(", ")}` }
    : { ok: true, entry }
}
