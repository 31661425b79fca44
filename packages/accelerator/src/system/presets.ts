import { edgeTpuPresets } from "../edgetpu/presets.js"
import { eyerissRelativeEnergy, macEnergyPj45nm } from "../hierarchical/constants.js"
import type { ImacAccelerator } from "../imac/accelerator.js"
import { defaultImacAccelerator } from "../imac/defaults.js"
import { type AcceleratorTemplate, type AcceleratorUnit, presetUnitOf, templateOf } from "../template/template.js"
import { mensaSystems } from "./mensa.js"
import { type HeterogeneousSystem, lpddr4HostPath } from "./system.js"

/**
 * Names of the built-in heterogeneous systems.
 *
 * @example
 * const name: SystemPresetName = "mensa"
 */
export type SystemPresetName = "mensa" | "mensa-edgetpu" | "tpu-imac"

const mac = macEnergyPj45nm.int8

/**
 * The TPU-IMAC unit (Elbtity et al., 2023): the default IMAC crossbars, ternary weights and
 * binary inputs, with 8,192 crossbars (134M devices, room for VGG-16's 123.6M FC weights) so that
 * the heavy FC heads of the study fit resident. The count is our choice.
 */
const tpuImacCrossbars: ImacAccelerator = { ...defaultImacAccelerator, name: "imac", crossbarCount: 8192 }

/**
 * An on-chip link between the Edge TPU and the IMAC unit: 32 bytes per cycle at 800 MHz
 * (25.6 GB/s) and the array network's 2 x a MAC per byte (0.6 pJ), 10 ns. Our choice.
 */
const tpuImacLink = { bandwidthBytesPerSecond: 25.6e9, energyPjPerByte: eyerissRelativeEnergy.array * mac, latencySeconds: 10e-9 }

/**
 * The built-in heterogeneous systems (values and sources in docs/heterogeneous.md):
 *
 * - `mensa`: Mensa-G (Boroumand et al., "Google Neural Network Models for Edge Devices:
 *   Analyzing and Mitigating Machine Learning Inference Bottlenecks", PACT 2021): Pascal
 *   (on-chip, compute-centric layers), Pavlov (near-data, LSTM layers) and Jacquard (near-data,
 *   other data-centric layers), and `mensa-edgetpu`, its baseline, the monolithic Edge TPU
 *   alone: `mensaSystems()`, with the full energy model of docs/energy.md.
 * - `tpu-imac`: an Edge TPU of the first class (`edgetpu-v1`) and an IMAC unit for FC layers
 *   (Elbtity et al., "Heterogeneous Integration of In-Memory Analog Computing Architectures with
 *   Tensor Processing Units", 2023), joined by an on-chip link.
 *
 * @example
 * systemPresets.mensa.units.map((unit) => unit.name) // ["pascal", "pavlov", "jacquard"]
 */
export const systemPresets: Readonly<Record<SystemPresetName, HeterogeneousSystem>> = {
  ...mensaSystems(),
  "tpu-imac": {
    name: "tpu-imac",
    units: [
      { kind: "edgetpu", name: "tpu", accelerator: edgeTpuPresets["edgetpu-v1"] },
      { kind: "imac", name: "imac", accelerator: tpuImacCrossbars },
    ],
    links: [{ from: "tpu", to: "imac", ...tpuImacLink }],
    hostPath: lpddr4HostPath,
  },
}

/** The built-in system names. */
export const systemPresetNames = Object.keys(systemPresets) as SystemPresetName[]

/**
 * A system of one unit: the accelerator alone, reaching DRAM over `lpddr4HostPath`.
 *
 * @example
 * singleUnitSystem({ kind: "cpu", name: "a53", accelerator: cpuPresets["cortex-a53"] }).units.length // 1
 */
export const singleUnitSystem = <Unit extends AcceleratorUnit>(unit: Unit): HeterogeneousSystem<Unit> => ({
  name: unit.name,
  units: [unit],
  links: [],
  hostPath: lpddr4HostPath,
})

/**
 * A system by name: a built-in system (`systemPresetNames`), or a one-unit system of an
 * accelerator preset of any of `templates` that can be a unit (its template's `unitIssues` finds
 * none: a clock; the systolic and MAESTRO presets state none), or `undefined`. In
 * `@cosearch/cost`: `acceleratorKinds.systemPreset`.
 *
 * @example
 * systemPreset("mensa", templates)?.units.length // 3
 * systemPreset("cortex-a53", templates)?.units[0]?.kind // "cpu"
 */
export const systemPreset = (name: string, templates: readonly AcceleratorTemplate[]): HeterogeneousSystem<AcceleratorUnit> | undefined => {
  if (Object.hasOwn(systemPresets, name)) return systemPresets[name as SystemPresetName]
  const unit = presetUnitOf(templates, name)
  if (unit === undefined || (templateOf(templates, unit.kind)?.unitIssues(unit.accelerator).length ?? 1) > 0) return undefined
  return singleUnitSystem(unit)
}
