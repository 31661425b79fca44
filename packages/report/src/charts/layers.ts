import type { LayerCostRow, TrialLayerCosts } from "../data/layer-costs.js"
import type { Chart } from "./chart.js"
import { palette } from "./style.js"

/** A per-layer figure of each trial, as bar series over the layers' positions. */
const perLayer = (trials: readonly TrialLayerCosts[], figure: (layer: LayerCostRow) => number | null, gridIndex: number) =>
  trials.map((trial, t) => ({
    name: `${trial.study} #${trial.trial}`,
    type: "bar",
    xAxisIndex: gridIndex,
    yAxisIndex: gridIndex,
    itemStyle: { color: palette[t % palette.length] },
    data: trial.layers.map((layer, i) => [i, figure(layer)]),
  }))

/**
 * The per-layer cost breakdown of the best trials, three charts: cycles and energy (pJ) per layer,
 * side by side (`layers`); utilisation per layer (`layer-utilization`); and, for the best trial,
 * the energy per storage level (and of the MACs and the network) of each layer stacked
 * (`layer-levels`), where the accelerator's model splits it (hierarchical accelerators), else the
 * accesses (reads plus writes, or bytes) per level or operand. Layers are numbered in network
 * order (trials of a joint search have different networks); each series is one trial,
 * `<study> #<trial>`. Empty when no breakdown is given.
 *
 * @example
 * const charts = layerCharts([{ study: "quickstart", trial: 3, network: "cell", accelerator: "edgetpu", layers }])
 */
export const layerCharts = (trials: readonly TrialLayerCosts[]): Chart[] => {
  if (trials.length === 0) return []
  const longest = Math.max(...trials.map((trial) => trial.layers.length))
  const positions = Array.from({ length: longest }, (_, i) => String(i))
  const accelerators = [...new Set(trials.map((trial) => trial.accelerator))].join(", ")
  const layerAxis = (gridIndex: number) => ({
    type: "category",
    gridIndex,
    data: positions,
    name: "layer",
    nameLocation: "middle",
    nameGap: 26,
  })
  const best = trials[0] as TrialLayerCosts
  // Energy per level where the model splits it, else the accesses per level.
  const byEnergy = best.layers.some((layer) => layer.energyByLevel !== undefined)
  const split = (layer: LayerCostRow) => (byEnergy ? layer.energyByLevel : layer.accesses) ?? {}
  const levels: string[] = []
  for (const layer of best.layers) for (const level of Object.keys(split(layer))) if (!levels.includes(level)) levels.push(level)
  return [
    {
      id: "layers",
      title: `Cycles and energy per layer of the best trials (on ${accelerators})`,
      option: {
        animation: false,
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { type: "scroll", top: 0 },
        grid: [
          { left: "7%", width: "40%", top: 80, bottom: 50 },
          { left: "56%", width: "40%", top: 80, bottom: 50 },
        ],
        xAxis: [layerAxis(0), layerAxis(1)],
        yAxis: [
          { type: "value", gridIndex: 0, name: "cycles" },
          { type: "value", gridIndex: 1, name: "energy (pJ)" },
        ],
        series: [...perLayer(trials, (layer) => layer.cycles, 0), ...perLayer(trials, (layer) => layer.energyPj, 1)],
      },
    },
    {
      id: "layer-utilization",
      title: "Utilisation per layer of the best trials",
      option: {
        animation: false,
        tooltip: { trigger: "axis" },
        legend: { type: "scroll", top: 0 },
        grid: { left: 60, right: 30, top: 80, bottom: 50 },
        xAxis: layerAxis(0),
        yAxis: { type: "value", name: "utilisation", min: 0 },
        series: trials.map((trial, t) => ({
          name: `${trial.study} #${trial.trial}`,
          type: "line",
          itemStyle: { color: palette[t % palette.length] },
          data: trial.layers.map((layer, i) => [i, layer.utilization]),
        })),
      },
    },
    {
      id: "layer-levels",
      title: `${byEnergy ? "Energy" : "Accesses"} per storage level and layer of the best trial (${best.study} #${best.trial})`,
      option: {
        animation: false,
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { type: "scroll", top: 0 },
        grid: { left: 80, right: 30, top: 80, bottom: 50 },
        xAxis: { type: "category", data: best.layers.map((_, i) => String(i)), name: "layer", nameLocation: "middle", nameGap: 26 },
        yAxis: { type: "value", name: byEnergy ? "energy (pJ)" : "accesses" },
        series: levels.map((level) => ({
          name: level,
          type: "bar",
          stack: "levels",
          data: best.layers.map((layer) => split(layer)[level] ?? 0),
        })),
      },
    },
  ]
}
