import type { CostResult, LayerCost } from "@cosearch/cost"
import { terminalSafe } from "../cli/terminal-safe.js"
import { groupDigits } from "./numbers.js"
import { type Column, formatTable } from "./table.js"

const orDash = (value: number | null, render: (value: number) => string): string => (value === null ? "-" : render(value))

const columns: readonly Column<LayerCost>[] = [
  { header: "layer", align: "left", cell: (layer) => layer.name },
  { header: "dataflow", align: "left", cell: (layer) => layer.dataflow ?? "-" },
  { header: "MACs", align: "right", cell: (layer) => orDash(layer.macs, groupDigits) },
  { header: "cycles", align: "right", cell: (layer) => orDash(layer.cycles, groupDigits) },
  { header: "util %", align: "right", cell: (layer) => orDash(layer.utilization, (u) => (100 * u).toFixed(1)) },
  { header: "energy uJ", align: "right", cell: (layer) => orDash(layer.energyPj, (e) => (e / 1e6).toFixed(2)) },
]

/**
 * The JSON line of an evaluation (`cosearch evaluate --json`): the network, the accelerator,
 * whether it is feasible, the layers (the failing one when infeasible) and the totals.
 *
 * @example
 * console.log(JSON.stringify(evaluationJson(costOn(unit, network, { layers: true }))))
 */
export const evaluationJson = (result: CostResult) => ({
  network: result.network,
  accelerator: result.accelerator,
  feasible: result.feasible,
  layers: result.layers,
  totals: result.totals,
})

/**
 * The text form of an evaluation: a per-layer table, then the totals (or why it is infeasible).
 *
 * @example
 * console.log(evaluationText(costOn(unit, network, { layers: true })))
 */
export const evaluationText = (result: CostResult): string => {
  const title = terminalSafe(`${result.network} on ${result.accelerator}`)
  if (!result.feasible) {
    const layer = result.layers[0]
    return `${title}: infeasible at ${terminalSafe(`${layer?.name ?? "?"} (${layer?.reason ?? "?"}): ${layer?.message ?? ""}`)}`
  }
  const t = result.totals
  const lines = [
    title,
    "",
    formatTable(columns, result.layers),
    "",
    `MACs         ${orDash(t.macs, groupDigits)}`,
    `cycles       ${t.cycles === null ? "- (not modeled)" : groupDigits(t.cycles)}`,
    `latency      ${t.latencyMs === null ? "- (no clock)" : `${t.latencyMs.toFixed(3)} ms`}`,
    `energy       ${t.energyMj === null ? "- (not modeled)" : `${t.energyMj.toFixed(3)} mJ`}`,
    `area         ${t.areaMm2 === null ? "- (not modeled)" : `${t.areaMm2.toFixed(2)} mm2`}`,
    `utilization  ${t.utilization === null ? "- (not modeled)" : `${(100 * t.utilization).toFixed(1)} %`}`,
  ]
  return lines.join("\n")
}
