import { readFileSync } from "node:fs"
import { maestro256Pe } from "@cosearch/accelerator"
import { type DataflowName, type MappedLayer, mapLayer } from "@cosearch/cost"
import type { LoopNest } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { tinyNest } from "./loopnest-simulator.js"

// MAESTRO's results on its 256-PE hardware (data/maestro/README.md).
const rows = readFileSync(new URL("../data/maestro/results-256pe.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [layer = "", dataflow = "", macs, runtime, , pes, , , , energy] = line.split(",")
    return {
      layer,
      dataflow: dataflow as DataflowName,
      macs: Number(macs),
      runtime: Number(runtime),
      pes: Number(pes),
      energyNj: Number(energy),
    }
  })

// The layers of the .m files: pre-padded inputs, so no padding here.
const conv = (layer: string, C: number, K: number, H: number, R: number, stride: number): LoopNest => {
  const P = (H - R) / stride + 1
  return { ...tinyNest({ K, C, P, Q: P, R, S: R, stride }, layer), H, W: H }
}
const layers: Record<string, LoopNest> = {
  L1: conv("L1", 3, 64, 229, 7, 2),
  L2: conv("L2", 64, 64, 58, 3, 1),
  L3: conv("L3", 2048, 512, 7, 1, 1),
}

// MAESTRO's flat 256 PEs grouped as its directives' Cluster sizes: kcp_ws 64, ykp_os 16, yxp_os 8
// (the inner spatial dimension on X, clusters on Y), rs one cluster of R filter rows per output
// row (R on Y), xp_ws one row of 256.
const arrangement = (dataflow: DataflowName, nest: LoopNest): { x: number; y: number } => {
  switch (dataflow) {
    case "kcp_ws":
      return { x: 64, y: 4 }
    case "ykp_os":
      return { x: 16, y: 16 }
    case "yxp_os":
      return { x: 8, y: 32 }
    case "rs":
      return { x: Math.floor(256 / nest.R), y: nest.R }
    default:
      return { x: 256, y: 1 }
  }
}

const ours = rows.map((row) => {
  const nest = layers[row.layer]
  if (nest === undefined) throw new Error(`unknown layer ${row.layer}`)
  const on = { ...maestro256Pe, array: { ...maestro256Pe.array, ...arrangement(row.dataflow, nest) } }
  const mapped = mapLayer(nest, on, { dataflow: row.dataflow })
  if (!mapped.feasible) throw new Error(`${row.layer} ${row.dataflow}: ${mapped.message}`)
  return mapped satisfies MappedLayer
})

/** Ranks, ties sharing their mean rank. */
const ranks = (values: readonly number[]): number[] => {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value)
  const result = new Array<number>(values.length).fill(0)
  for (let i = 0; i < order.length; ) {
    let j = i
    while (j + 1 < order.length && order[j + 1]?.value === order[i]?.value) j++
    for (let k = i; k <= j; k++) result[order[k]?.index ?? 0] = (i + j) / 2 + 1
    i = j + 1
  }
  return result
}
const pearson = (a: readonly number[], b: readonly number[]): number => {
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length
  const ma = mean(a)
  const mb = mean(b)
  let num = 0
  let da = 0
  let db = 0
  a.forEach((x, i) => {
    const y = b[i] ?? 0
    num += (x - ma) * (y - mb)
    da += (x - ma) ** 2
    db += (y - mb) ** 2
  })
  return num / Math.sqrt(da * db)
}

describe("the MAESTRO comparison (256 PEs, five dataflows, three ResNet-50 layers)", () => {
  it("uses as many PEs as MAESTRO on every row but its stride-2 YX-P OS artefact", () => {
    rows.forEach((row, i) => {
      if (row.layer === "L1" && row.dataflow === "yxp_os") return
      expect({ row: `${row.layer} ${row.dataflow}`, pes: ours[i]?.usedPes }).toEqual({ row: `${row.layer} ${row.dataflow}`, pes: row.pes })
    })
  })

  it("agrees within 5% on the rows MAESTRO finds compute-bound", () => {
    let compared = 0
    rows.forEach((row, i) => {
      // The true MACs (MAESTRO over-counts its stride-2 YX-P OS mapping).
      if (row.runtime > 1.05 * ((ours[i]?.macs ?? 0) / row.pes)) return
      compared++
      expect(Math.abs((ours[i]?.cycles ?? 0) / row.runtime - 1)).toBeLessThan(0.05)
    })
    expect(compared).toBeGreaterThanOrEqual(5)
  })

  it("orders the dataflows of ResNet-50's conv1 as MAESTRO does, and reports the rest", () => {
    const perLayer = ["L1", "L2", "L3"].map((layer) => {
      const picked = rows.map((row, i) => ({ row, cost: ours[i] })).filter(({ row }) => row.layer === layer)
      return pearson(ranks(picked.map(({ cost }) => cost?.cycles ?? 0)), ranks(picked.map(({ row }) => row.runtime)))
    })
    expect(perLayer[0]).toBe(1)
    // docs/cost-model.md explains L2 and L3 (MAESTRO's per-step refill of the L2 tile over the
    // 50-element off-chip link); the figures are printed for the record.
    console.log(`Spearman of dataflow runtimes per layer vs MAESTRO: ${perLayer.map((r) => r.toFixed(3)).join(", ")}`)
  })

  it("puts energies within 2x of MAESTRO's on at least 12 of the 15 rows", () => {
    const ratios = rows.map((row, i) => (ours[i]?.energy.totalPj ?? 0) / 1000 / row.energyNj)
    console.log(`energy ratios vs MAESTRO: ${ratios.map((r) => r.toFixed(2)).join(", ")}`)
    expect(ratios.every((r) => r > 0.5)).toBe(true)
    expect(ratios.filter((r) => r < 2).length).toBeGreaterThanOrEqual(12)
  })
})
