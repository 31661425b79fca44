import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import { maestro256Pe } from "@cosearch/accelerator"
import type { DataflowName, Mapping } from "@cosearch/cost"
import type { LoopNest } from "@cosearch/network"

// MAESTRO's five dataflows of data/maestro/*.m written as cosearch mappings on the maestro-256pe
// hierarchy (DRAM, L2, a per-PE L1), for the comparison in maestro.test.ts. MAESTRO's directives
// describe one mapping each, not a family:
//
// - the directives above `Cluster` are the top level: its temporal maps iterate over DRAM (each
//   step's data is the L2 tile), and its spatial map spreads a dimension over the clusters (Y of
//   the array, one cluster a row; what does not fit folds into a DRAM loop at the directive's
//   place in the order); without `Cluster` (xp_ws), the PEs are the top level's units, along Y;
// - the directives below `Cluster` spread a dimension over the PEs of a cluster (X of the array)
//   and iterate within a top-level step (L2 loops);
// - a PE computes its whole step tile (`Sz(R)`, `Sz(S)`, or a dimension not mentioned below the
//   cluster, which keeps the top tile): those are the L1 loops;
// - `TemporalMap(Sz(R),1) Y` slides a window of R input rows by one output row: a P loop with R
//   in the tile (and likewise X, Q and S).
//
// Where a spatial map does not divide its dimension MAESTRO runs a partial last fold; factors here
// must divide, so the spatial factor is the largest divisor that fits (the same number of folds
// and the same average PEs as MAESTRO's reports, except the stride-2 YX-P OS artifact, where
// MAESTRO slides 8 PEs by one input column and counts 1.75x the MACs: here 4 outputs per tile).

/** The PEs grouped as the directives' clusters: X PEs per cluster, Y clusters. */
export const maestroArray = (dataflow: DataflowName, nest: LoopNest): { x: number; y: number } => {
  switch (dataflow) {
    case "kcp_ws":
      return { x: 64, y: 4 }
    case "ykp_os":
      return { x: 16, y: 16 }
    case "yxp_os":
      return { x: 8, y: 32 }
    case "rs":
      return { x: nest.R, y: Math.floor(256 / nest.R) }
    default:
      // xp_ws has no cluster: its 256 PEs are the top level's units, one per row.
      return { x: 1, y: 256 }
  }
}

/**
 * The maestro-256pe hardware as MAESTRO runs it: PEs grouped as the dataflow's clusters, DRAM
 * bandwidth charged `tiles-per-step` (MAESTRO's off-chip model), and the L1 and L2 sizes lifted,
 * since MAESTRO reports a buffer requirement above them but does not enforce them. With
 * `energy: "maestro"` the L2's energy is charged as MAESTRO charges its L2 (`energyModel`).
 */
export const maestroHardware = (
  dataflow: DataflowName,
  nest: LoopNest,
  energy: "accesses" | "maestro" = "accesses",
): HierarchicalAccelerator => {
  const [dram, l2, l1] = maestro256Pe.levels
  if (dram === undefined || l2 === undefined || l1 === undefined) throw new Error("maestro-256pe has three levels")
  const { capacityBytes: _l2, ...l2Unbounded } = l2
  const { capacityBytes: _l1, ...l1Unbounded } = l1
  return {
    ...maestro256Pe,
    name: `maestro-256pe (${dataflow} clusters, MAESTRO's off-chip model)`,
    array: { ...maestro256Pe.array, ...maestroArray(dataflow, nest) },
    levels: [{ ...dram, trafficModel: "tiles-per-step" }, { ...l2Unbounded, energyModel: energy }, l1Unbounded],
  }
}

/** The largest divisor of `n` not above `limit`. */
const fit = (n: number, limit: number): number => {
  for (let d = Math.min(n, limit); d > 1; d--) if (n % d === 0) return d
  return 1
}

/** The mapping MAESTRO's `<layer>_<dataflow>.m` describes, for a layer with N = G = 1. */
export const maestroMapping = (dataflow: DataflowName, nest: LoopNest): Mapping => {
  const { K, C, P, Q, R, S } = nest
  const { x, y } = maestroArray(dataflow, nest)
  switch (dataflow) {
    case "kcp_ws": {
      // Top: SpatialMap(1,1) K over 4 clusters; TemporalMap(64,64) C; R, S whole; Y and X slide.
      // Cluster(64): SpatialMap(1,1) C over its PEs; each PE a whole R x S window.
      const c = Math.min(C, 64)
      return {
        levels: [
          { factors: { K: K / y, C: C / c, P, Q }, order: ["K", "C", "P", "Q"] },
          { factors: {}, order: [] },
          { factors: { R, S }, order: ["R", "S"] },
        ],
        spatial: { x: { C: c }, y: { K: y } },
      }
    }
    case "xp_ws":
      // One cluster of 256: K, C and Y (one output row) iterate; SpatialMap(Sz(S),1) X over the PEs.
      return {
        levels: [
          { factors: { K, C, P }, order: ["K", "C", "P"] },
          { factors: {}, order: [] },
          { factors: { R, S }, order: ["R", "S"] },
        ],
        spatial: { x: {}, y: { Q } },
      }
    case "rs": {
      // Top: SpatialMap(1,1) Y' (output rows) over 256 / R clusters; X', C iterate; K 16 at a time.
      // Cluster(R): SpatialMap(1,1) Y and R: a filter row per PE; each PE S taps of 16 filters.
      const p = fit(P, y)
      return {
        levels: [
          { factors: { P: P / p, Q, C, K: K / 16 }, order: ["P", "Q", "C", "K"] },
          { factors: {}, order: [] },
          { factors: { K: 16, S }, order: ["K", "S"] },
        ],
        spatial: { x: { R }, y: { P: p } },
      }
    }
    case "ykp_os": {
      // Top: K 16 at a time; SpatialMap(Sz(R),1) Y (output rows) over 16 clusters; X slides; C one by one.
      // Cluster(16): SpatialMap(1,1) K over its PEs; each PE a whole R x S window.
      const p = fit(P, y)
      return {
        levels: [
          { factors: { K: K / x, P: P / p, Q, C }, order: ["K", "P", "Q", "C"] },
          { factors: {}, order: [] },
          { factors: { R, S }, order: ["R", "S"] },
        ],
        spatial: { x: { K: x }, y: { P: p } },
      }
    }
    case "yxp_os": {
      // Top: K, C one by one; SpatialMap(Sz(R),1) Y (output rows) over 32 clusters; X in tiles of
      // 8 outputs (4 at stride 2). Cluster(8): SpatialMap(Sz(S),1) X over its PEs; a whole window each.
      const p = fit(P, y)
      const q = fit(Q, nest.strideW === 1 ? x : x / 2)
      return {
        levels: [
          { factors: { K, C, P: P / p, Q: Q / q }, order: ["K", "C", "P", "Q"] },
          { factors: {}, order: [] },
          { factors: { R, S }, order: ["R", "S"] },
        ],
        spatial: { x: { Q: q }, y: { P: p } },
      }
    }
    default:
      throw new Error(`MAESTRO has no ${dataflow} reference run`)
  }
}
