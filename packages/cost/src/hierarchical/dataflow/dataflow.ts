import type { DataflowFamilyName } from "../../kind/cost-options.js"
import type { Dimension } from "../mapping/mapping.js"

/**
 * A dataflow as a family of mappings (docs/cost-model.md, "Dataflows"): which loop dimensions are
 * spread over the PE array's X and Y, and which loops run innermost at the per-PE levels and at
 * the shared on-chip buffers — the loops that keep the stationary operand in place. The mapper
 * turns a template into concrete mappings by choosing tile factors that fit the buffers.
 *
 * Lists are in priority order: spatial lists fill an axis with the largest divisor of each
 * dimension that still fits (a dimension may appear on both axes to spread it over the whole
 * array); loop lists are innermost first, and each dimension grows to the largest divisor that
 * keeps every buffer within capacity.
 *
 * @example
 * dataflowTemplates.ws.spatialX // ["C"]
 */
export interface DataflowTemplate {
  readonly name: DataflowFamilyName
  /** What it is, in a few words. */
  readonly title: string
  /** Where it comes from. */
  readonly source: string
  readonly spatialX: readonly Dimension[]
  readonly spatialY: readonly Dimension[]
  /** Loops of the per-PE levels, innermost first. */
  readonly pe: readonly Dimension[]
  /** Loops of the shared on-chip buffers, innermost first. */
  readonly buffer: readonly Dimension[]
  /** Loops of the outermost level (DRAM), innermost first; the rest go outside them. */
  readonly outer: readonly Dimension[]
}

// The groups dimension G behaves like K for weights and outputs (a depthwise layer has K = 1 and
// G = channels), so templates that spread or tile K take G next to it.

/**
 * The eight dataflow families the mapper searches, by name (MAESTRO's own dataflows, one mapping
 * each, are `maestroDataflows`).
 *
 * @example
 * dataflowTemplates["row-stationary"].spatialY // ["R", "C", "K", "G"]
 */
export const dataflowTemplates: Readonly<Record<DataflowFamilyName, DataflowTemplate>> = {
  ws: {
    name: "ws",
    title: "weight-stationary",
    source: "TPU-like: weights pinned in the PEs, input and output pixels stream past (Chen et al., ISCA 2016, sec. 3)",
    spatialX: ["C", "S", "R"],
    spatialY: ["K", "G"],
    pe: ["Q", "P", "N"],
    buffer: ["Q", "P", "N", "C", "S", "R"],
    outer: ["Q", "P", "N", "C", "S", "R", "K", "G"],
  },
  os: {
    name: "os",
    title: "output-stationary",
    source: "ShiDianNao-like: each PE accumulates its outputs; weights and inputs stream (Chen et al., ISCA 2016, sec. 3)",
    spatialX: ["Q", "K", "G"],
    spatialY: ["P", "N"],
    pe: ["S", "R", "C"],
    buffer: ["S", "R", "C", "Q", "P"],
    outer: ["S", "R", "C", "Q", "P", "N", "K", "G"],
  },
  is: {
    name: "is",
    title: "input-stationary",
    source: "SCNN-like: inputs pinned, every filter visits them (Parashar et al., ISCA 2017)",
    spatialX: ["Q", "S"],
    spatialY: ["C", "P", "R"],
    pe: ["K", "G"],
    buffer: ["K", "G", "Q", "P"],
    outer: ["K", "G", "Q", "P", "N", "C", "R", "S"],
  },
  "row-stationary": {
    name: "row-stationary",
    title: "row-stationary",
    source:
      "Eyeriss: filter rows on PE rows, output rows on PE columns, a 1-D convolution of a filter row and an input row per PE (Chen et al., ISCA 2016, sec. 5)",
    spatialX: ["P"],
    spatialY: ["R", "C", "K", "G"],
    pe: ["S", "C", "K", "G", "Q"],
    buffer: ["Q", "C", "K", "G", "N"],
    outer: ["Q", "P", "N", "C", "K", "G", "R", "S"],
  },
  "kc-partitioned": {
    name: "kc-partitioned",
    title: "KC-partitioned weight-stationary (NVDLA-like)",
    source:
      "after MAESTRO's kcp_ws, tiles left to the mapper: K over one axis, C over the other, the window per PE (Kwon et al., MICRO 2019)",
    spatialX: ["C"],
    spatialY: ["K", "G"],
    pe: ["S", "R", "Q", "P"],
    buffer: ["Q", "P", "N"],
    outer: ["Q", "P", "N", "S", "R", "C", "K", "G"],
  },
  "x-partitioned": {
    name: "x-partitioned",
    title: "X-partitioned weight-stationary",
    source: "after MAESTRO's xp_ws, tiles left to the mapper: output columns over all PEs, the window per PE (Kwon et al., MICRO 2019)",
    spatialX: ["Q"],
    spatialY: ["Q"],
    pe: ["S", "R"],
    buffer: ["P", "N"],
    outer: ["S", "R", "P", "N", "C", "K", "G", "Q"],
  },
  "yx-partitioned": {
    name: "yx-partitioned",
    title: "YX-partitioned output-stationary (ShiDianNao-like)",
    source:
      "after MAESTRO's yxp_os, tiles left to the mapper: output rows over one axis, output columns over the other (Kwon et al., MICRO 2019)",
    spatialX: ["Q"],
    spatialY: ["P"],
    pe: ["S", "R"],
    buffer: ["S", "R", "C"],
    outer: ["S", "R", "C", "Q", "P", "N", "K", "G"],
  },
  "yk-partitioned": {
    name: "yk-partitioned",
    title: "YK-partitioned output-stationary",
    source:
      "after MAESTRO's ykp_os, tiles left to the mapper: output rows over one axis, output channels over the other (Kwon et al., MICRO 2019)",
    spatialX: ["K", "G"],
    spatialY: ["P"],
    pe: ["S", "R"],
    buffer: ["S", "R", "C", "Q"],
    outer: ["S", "R", "C", "Q", "P", "N", "K", "G"],
  },
}
