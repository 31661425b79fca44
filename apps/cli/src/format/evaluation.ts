import type { EvaluationRecord, LayerRecord } from "@cosearch/engine"
import { groupDigits } from "./numbers.js"
import { type Column, formatTable } from "./table.js"

const orDash = (value: number | null, render: (value: number) => string): string => (value === null ? "-" : render(value))

const columns: readonly Column<LayerRecord>[] = [
  { header: "layer", align: "left", cell: (layer) => layer.name },
  { header: "dataflow", align: "left", cell: (layer) => layer.dataflow ?? "-" },
  { header: "MACs", align: "right", cell: (layer) => orDash(layer.macs, groupDigits) },
  { header: "cycles", align: "right", cell: (layer) => orDash(layer.cycles, groupDigits) },
  { header: "util %", align: "right", cell: (layer) => orDash(layer.utilization, (u) => (100 * u).toFixed(1)) },
  { header: "energy uJ", align: "right", cell: (layer) => orDash(layer.energyPj, (e) => (e / 1e6).toFixed(2)) },
]

/**
 * The text form of an evaluation: a per-layer table, then the totals (or why it is infeasible).
 *
 * @example
 * console.log(evaluationText(record))
 */
export const evaluationText = (record: EvaluationRecord): string => {
  const title = `${record.network} on ${record.accelerator}`
  if (!record.feasible || record.totals === null) {
    const layer = record.layers[0]
    return `${title}: infeasible at ${layer?.name ?? "?"} (${layer?.reason ?? "?"}): ${layer?.message ?? ""}`
  }
  const t = record.totals
  const lines = [
    title,
    "",
    formatTable(columns, record.layers),
    "",
    `MACs         ${groupDigits(t.macs)}`,
    `cycles       ${groupDigits(t.cycles)}`,
    `latency      ${t.latencyMs === null ? "- (no clock)" : `${t.latencyMs.toFixed(3)} ms`}`,
    `energy       ${t.energyMj === null ? "- (not modelled)" : `${t.energyMj.toFixed(3)} mJ`}`,
    `area         ${t.areaMm2 === null ? "- (not modelled)" : `${t.areaMm2.toFixed(2)} mm2`}`,
    `utilization  ${(100 * t.utilization).toFixed(1)} %`,
  ]
  return lines.join("\n")
}
