import type { CpuAccelerator } from "../cpu/accelerator.js"
import type { EdgeTpuAccelerator } from "../edgetpu/accelerator.js"
import { memoryPath, type PathCost } from "../energy/memory-interface.js"
import type { HierarchicalAccelerator } from "../hierarchical/accelerator.js"
import type { ImacAccelerator } from "../imac/accelerator.js"
import type { SystolicArray } from "../systolic/array.js"
import type { AcceleratorUnit } from "../template/template.js"

/** An Edge TPU unit. */
export type EdgeTpuUnit = AcceleratorUnit<"edgetpu", EdgeTpuAccelerator>
/** A hierarchical (Timeloop-like) unit; it needs `clockMhz` to turn cycles into seconds. */
export type HierarchicalUnit = AcceleratorUnit<"hierarchical", HierarchicalAccelerator>
/** A systolic array unit; it needs `clockMhz` to turn cycles into seconds. */
export type SystolicUnit = AcceleratorUnit<"systolic", SystolicArray>

/** An analog in-memory unit for fully connected layers (`ImacAccelerator`). */
export type ImacUnit = AcceleratorUnit<"imac", ImacAccelerator>
/** A CPU (`CpuAccelerator`, Cortex-A53-like roofline). */
export type CpuUnit = AcceleratorUnit<"cpu", CpuAccelerator>

/**
 * A unit of a built-in kind, discriminated by `kind` (so that `unit.kind === "imac"` types its
 * accelerator). Systems of any registered kind hold `AcceleratorUnit`s: `HeterogeneousSystem<AcceleratorUnit>`.
 *
 * @example
 * const unit: SystemUnit = { kind: "cpu", name: "a53", accelerator: cpuPresets["cortex-a53"] }
 */
export type SystemUnit = EdgeTpuUnit | HierarchicalUnit | SystolicUnit | ImacUnit | CpuUnit

/**
 * The built-in kinds of unit.
 *
 * @example
 * const kind: SystemUnitKind = "imac"
 */
export type SystemUnitKind = SystemUnit["kind"]

/**
 * A direct link between two units (or a unit and `host`): usable both ways unless `oneWay`.
 *
 * @example
 * const link: SystemLink = { from: "tpu", to: "imac", bandwidthBytesPerSecond: 8e9, energyPjPerByte: 2, latencySeconds: 1e-6 }
 */
export interface SystemLink extends PathCost {
  readonly from: string
  readonly to: string
  readonly oneWay?: boolean
}

/**
 * A heterogeneous system: named units, direct links between them, and the default path through
 * the host's DRAM. Data between two units with no direct link is written to DRAM by one and read
 * by the other: one leg each, `hostPath` for ordinary units, `nearDataPath` for near-data ones.
 * The network's inputs start at `home` (a unit's name, or `host`, the default) and its outputs
 * return there. `host` runs no layers. Its units are of the built-in kinds (`SystemUnit`) unless
 * `Unit` says otherwise (`HeterogeneousSystem<AcceleratorUnit>`: any registered kind).
 *
 * @example
 * const system: HeterogeneousSystem = { name: "pair", units: [a, b], links: [], hostPath: lpddr4 }
 */
export interface HeterogeneousSystem<Unit extends AcceleratorUnit = SystemUnit> {
  readonly name: string
  readonly units: readonly Unit[]
  readonly links: readonly SystemLink[]
  /** One leg between DRAM and an ordinary unit. */
  readonly hostPath: PathCost
  /** One leg between DRAM and a near-data unit; absent means `hostPath`. */
  readonly nearDataPath?: PathCost
  /** Where inputs start and outputs return: `host` (default) or a unit's name. */
  readonly home?: string
}

/** The name of the host (DRAM and the CPU that feeds the accelerators); it runs no layers. */
export const HOST = "host"

/**
 * An LPDDR4-class default path, `memoryPath("lpddr4")`: 12.8 GB/s, 200 x an int8 MAC's 0.3 pJ =
 * 60 pJ/byte (Eyeriss's DRAM-to-MAC energy ratio), 100 ns to set up a transfer.
 *
 * @example
 * const system: HeterogeneousSystem = { name: "s", units, links: [], hostPath: lpddr4HostPath }
 */
export const lpddr4HostPath: PathCost = memoryPath("lpddr4")
