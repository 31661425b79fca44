import { formatShape, type LayerCounts, type NetworkCounts, type NetworkTotals, type Precision } from "@cosearch/network"
import { terminalSafe } from "../cli/terminal-safe.js"
import { groupDigits, humanBytes, inMillionsAndBillions } from "./numbers.js"
import { type Column, formatTable } from "./table.js"

/**
 * One layer in `network summary --json`: the layer's counts, fields in `countNetwork`'s order.
 *
 * @example
 * const stem: LayerSummaryJson = summary.layers[1] // { name: "stem/conv", op: "conv2d", macs: 10838016, ... }
 */
export type LayerSummaryJson = LayerCounts

/**
 * The document `network summary --json` prints.
 *
 * @example
 * const summary = JSON.parse(stdout) as NetworkSummaryJson
 * summary.totals.macs // 300774272 for mobilenet_v2
 */
export interface NetworkSummaryJson {
  readonly name: string
  readonly precision: Precision
  readonly batch: number
  readonly layers: readonly LayerSummaryJson[]
  readonly totals: NetworkTotals
}

/**
 * The JSON summary of a counted network, with a fixed field order.
 *
 * @example
 * JSON.stringify(summaryJson(countNetwork(analyzed, "int8")))
 */
export const summaryJson = (counts: NetworkCounts): NetworkSummaryJson => ({
  name: counts.name,
  precision: counts.precision,
  batch: counts.batch,
  layers: counts.layers,
  totals: counts.totals,
})

/** Marks figures of layers that read another layer's weights. */
const shared = (layer: LayerCounts, text: string): string => (layer.ownsParams ? text : `${text}*`)

const layerColumns: readonly Column<LayerCounts>[] = [
  { header: "layer", align: "left", cell: (layer) => layer.name },
  { header: "op", align: "left", cell: (layer) => layer.op },
  {
    header: "input",
    align: "left",
    cell: (layer) => (layer.inputShapes.length === 0 ? "-" : layer.inputShapes.map(formatShape).join(", ")),
  },
  { header: "output", align: "left", cell: (layer) => formatShape(layer.outputShape) },
  { header: "MACs", align: "right", cell: (layer) => groupDigits(layer.macs) },
  { header: "params", align: "right", cell: (layer) => shared(layer, groupDigits(layer.params)) },
  { header: "weight B", align: "right", cell: (layer) => shared(layer, groupDigits(layer.weightBytes)) },
  { header: "output B", align: "right", cell: (layer) => groupDigits(layer.outputBytes) },
]

/**
 * The readable summary: a heading, the per-layer table and the totals.
 *
 * @example
 * console.log(summaryText(countNetwork(analyzed, "int8")))
 */
export const summaryText = (counts: NetworkCounts): string => {
  const { totals } = counts
  const heading = `${terminalSafe(counts.name)}: ${counts.layers.length} layers, batch ${counts.batch}, ${counts.precision}`
  const footnote = counts.layers.some((layer) => !layer.ownsParams)
    ? ["* reads another layer's weights; counted once, at the owner, in the totals"]
    : []
  const totalLines: ReadonlyArray<readonly [string, string, string]> = [
    ["MACs", groupDigits(totals.macs), `(${inMillionsAndBillions(totals.macs)})`],
    ["params", groupDigits(totals.params), ""],
    ["weight bytes", groupDigits(totals.weightBytes), `(${humanBytes(totals.weightBytes)})`],
    ["activation bytes", groupDigits(totals.activationBytes), `(${humanBytes(totals.activationBytes)}, every layer's output)`],
  ]
  const labelWidth = Math.max(...totalLines.map(([label]) => label.length))
  const valueWidth = Math.max(...totalLines.map(([, value]) => value.length))
  const totalsText = totalLines.map(([label, value, note]) =>
    `  ${`${label}:`.padEnd(labelWidth + 1)}  ${value.padStart(valueWidth)}  ${note}`.trimEnd(),
  )
  return [heading, "", formatTable(layerColumns, counts.layers), ...footnote, "", "totals", ...totalsText].join("\n")
}
