import {
  edgeTpuKnobs,
  edgeTpuKnobsOf,
  imacKnobs,
  imacKnobsOf,
  nearDataEdgeTpuKnobs,
  nearDataEdgeTpuKnobsOf,
  type SystemSlots,
  stackedNearDataPath,
  systemFromSlots,
} from "@cosearch/accelerator"
import {
  boolean,
  type Configuration,
  defineSpace,
  expressionConstraint,
  type Parameter,
  productSpace,
  projectConfiguration,
  type Space,
  when,
} from "@cosearch/space"
import type { NamedSpace } from "./named-space.js"

/** The presence flag of each slot and the namespace of its knobs. */
const slots = [
  { flag: "use_compute", namespace: "compute", space: edgeTpuKnobs, description: "a compute-centric Edge TPU (the 10 template knobs)" },
  { flag: "use_near_data", namespace: "near_data", space: nearDataEdgeTpuKnobs, description: "a near-data Edge TPU in the memory stack" },
  { flag: "use_imac", namespace: "imac", space: imacKnobs, description: "an IMAC unit for fully connected layers" },
] as const

/** A slot's knobs, prefixed with its namespace and active only when its flag is true. */
const slotKnobs = (flag: string, namespace: string, space: Space): Parameter[] =>
  productSpace({ [namespace]: space }).parameters.map((parameter) =>
    parameter.condition === undefined ? { ...parameter, condition: when(flag, true) } : parameter,
  )

/**
 * The heterogeneous-system space: three Mensa-like slots, each present or not (`use_compute`,
 * `use_near_data`, `use_imac`), and the knobs of each present slot under its namespace, active only
 * when the slot is: `compute.` the Edge TPU template's ten knobs (`edgeTpuKnobs`), `near_data.` a
 * small Edge TPU whose I/O is the memory stack's bandwidth (`nearDataEdgeTpuKnobs`), `imac.` the
 * crossbar size and count (`imacKnobs`). One constraint: at least one slot is present.
 *
 * @example
 * heteroSystemSpace.parameters.find((parameter) => parameter.name === "imac.crossbar_count")?.condition // { parent: "use_imac", in: [true] }
 */
export const heteroSystemSpace: Space = defineSpace({
  name: "hetero-system",
  parameters: [
    ...slots.map((slot) => boolean(slot.flag, { description: `whether the system has ${slot.description}` })),
    ...slots.flatMap((slot) => slotKnobs(slot.flag, slot.namespace, slot.space)),
  ],
  constraints: [
    expressionConstraint("a-unit", "at least one slot is present", {
      op: "or",
      args: slots.map((slot) => ({ param: slot.flag })),
    }),
  ],
})

/**
 * The slots a configuration of `heteroSystemSpace` describes: each present slot's knobs decoded
 * (the near-data Edge TPU's I/O bandwidth is `stackedNearDataPath`'s).
 *
 * @example
 * heteroSystemSlotsOf({ use_compute: false, use_near_data: false, use_imac: true, "imac.crossbar_size": 128, "imac.crossbar_count": 64 })
 * // { imac: { crossbarSize: 128, crossbarCount: 64 } }
 */
export const heteroSystemSlotsOf = (configuration: Configuration): SystemSlots => ({
  ...(configuration.use_compute === true ? { compute: edgeTpuKnobsOf(projectConfiguration(configuration, "compute")) } : {}),
  ...(configuration.use_near_data === true
    ? {
        nearData: nearDataEdgeTpuKnobsOf(projectConfiguration(configuration, "near_data"), stackedNearDataPath.bandwidthBytesPerSecond),
      }
    : {}),
  ...(configuration.use_imac === true ? { imac: imacKnobsOf(projectConfiguration(configuration, "imac")) } : {}),
})

/**
 * The `hetero-system` named space: decodes to `{ kind: "system", build }`, the validated system
 * of `systemFromSlots` or the reason there is none (never an exception for a valid configuration).
 */
export const heteroSystemEntry: NamedSpace = {
  name: "hetero-system",
  summary: "Mensa-like heterogeneous systems: compute Edge TPU, near-data Edge TPU and IMAC slots, each present or not, with their knobs",
  space: heteroSystemSpace,
  decode: (configuration) => ({ kind: "system", build: systemFromSlots(heteroSystemSlotsOf(configuration)) }),
}
