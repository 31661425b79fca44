import { isFeasible, paretoFront } from "@cosearch/optimize"
import { openSqliteStore } from "@cosearch/store"
import { beforeAll, describe, expect, it } from "vitest"
import {
  type Chart,
  chartPng,
  chartSvg,
  loadReportStudy,
  type ReportStudy,
  reportPage,
  studyCharts,
  type TrialLayerCosts,
} from "../src/index.js"
import { syntheticDatabase, writeSyntheticStudy } from "./study-kit.js"

/** The page's embedded data, parsed back from the HTML. */
const embedded = (html: string): { charts: Chart[] } => {
  const match = html.match(/<script id="cosearch-data" type="application\/json">([\s\S]*?)<\/script>/)
  if (match === null) throw new Error("the page embeds no data")
  return JSON.parse(match[1] as string)
}

type Series = { name: string; data: unknown[]; xAxisIndex?: number }
const seriesOf = (chart: Chart | undefined): Series[] => (chart?.option.series ?? []) as Series[]

let study: ReportStudy
let other: ReportStudy

beforeAll(async () => {
  const path = await syntheticDatabase("alpha", 400)
  const store = openSqliteStore(path)
  await writeSyntheticStudy(store, "beta", 150, 7)
  study = (await loadReportStudy(store, "alpha")) as ReportStudy
  other = (await loadReportStudy(store, "beta")) as ReportStudy
  expect(await loadReportStudy(store, "nope")).toBeUndefined()
  await store.close()
})

const layers: TrialLayerCosts[] = [
  {
    study: "alpha",
    trial: 3,
    network: "net",
    accelerator: "acc",
    layers: [
      { name: "conv1", cycles: 100, energyPj: 2000, utilization: 0.5, accesses: { DRAM: 10, SRAM: 40 } },
      { name: "fc", cycles: 50, energyPj: 900, utilization: 0.25, accesses: { DRAM: 5, SRAM: 20 } },
    ],
  },
]

describe("the report of a study", () => {
  it("embeds every chart, and the Pareto series hold exactly the front, the other feasible and the infeasible trials", () => {
    const html = reportPage({ title: "alpha", charts: studyCharts([study], { layers }) })
    const ids = ["pareto", "history", "hypervolume", "importance", "parallel", "layers", "layer-utilization", "layer-levels"]
    for (const id of ids) expect(html).toContain(`id="${id}"`)
    const charts = embedded(html).charts
    expect(charts.map((chart) => chart.id)).toEqual(ids)
    const directions = study.objectives.map((objective) => objective.direction)
    const front = paretoFront(directions, study.trials)
    const feasible = study.trials.filter((trial) => isFeasible(directions, trial))
    const infeasible = study.trials.filter(
      (trial) => trial.state !== "failed" && trial.values !== undefined && !isFeasible(directions, trial),
    )
    expect(front.length).toBeGreaterThan(3)
    expect(infeasible.length).toBeGreaterThan(50)
    const pareto = seriesOf(charts.find((chart) => chart.id === "pareto"))
    const length = (name: string) => pareto.find((series) => series.name === name)?.data.length
    expect(length("alpha: front")).toBe(front.length)
    expect((length("alpha: front") ?? 0) + (length("alpha: feasible") ?? 0)).toBe(feasible.length)
    expect(length("alpha: infeasible")).toBe(infeasible.length)
    expect(pareto.find((series) => series.name === "alpha: front")?.data.map((point) => (point as number[])[2])).toEqual(
      front.map((trial) => trial.number),
    )
  })

  it("overlays several studies on each chart", () => {
    const charts = studyCharts([study, other])
    const names = (id: string) => seriesOf(charts.find((chart) => chart.id === id)).map((series) => series.name)
    expect(names("pareto")).toEqual([
      "alpha: front",
      "alpha: feasible",
      "alpha: infeasible",
      "beta: front",
      "beta: feasible",
      "beta: infeasible",
    ])
    expect(names("hypervolume")).toEqual(["alpha: hypervolume", "beta: hypervolume"])
    expect(names("parallel")).toEqual(["alpha", "alpha: front", "beta", "beta: front"])
    const front = paretoFront(
      other.objectives.map((objective) => objective.direction),
      other.trials,
    )
    expect(seriesOf(charts[0]).find((series) => series.name === "beta: front")?.data.length).toBe(front.length)
  })

  it("draws 3-objective studies as a scatter matrix, one grid per pair", () => {
    const three: ReportStudy = {
      ...study,
      objectives: [...study.objectives, { metric: "area", direction: "minimize" }],
      trials: study.trials.map((trial) =>
        trial.values === undefined ? trial : { ...trial, values: [...trial.values, trial.number % 13] },
      ),
    }
    const [pareto] = studyCharts([three])
    expect(pareto?.option.grid).toHaveLength(3)
    const fronts = seriesOf(pareto).filter((series) => series.name === "alpha: front")
    expect(fronts.map((series) => series.xAxisIndex)).toEqual([0, 1, 2])
    const size = paretoFront(
      three.objectives.map((objective) => objective.direction),
      three.trials,
    ).length
    for (const series of fronts) expect(series.data.length).toBe(size)
  })

  it("keeps options plain JSON (no functions) and draws each chart as SVG and PNG", () => {
    const charts = studyCharts([study], { layers })
    for (const chart of charts) {
      expect(JSON.parse(JSON.stringify(chart))).toEqual(chart)
      expect(chartSvg(chart, { width: 600, height: 400 })).toMatch(/^<svg[\s\S]*<\/svg>$/)
    }
    const png = chartPng(charts[0] as Chart, { width: 300, height: 200 }, 1)
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
  })

  it("stacks each layer's energy per storage level where the model splits it, its accesses otherwise", () => {
    const levelsChart = (trials: TrialLayerCosts[]) => {
      const chart = studyCharts([study], { layers: trials }).find((candidate) => candidate.id === "layer-levels")
      return { title: chart?.title ?? "", series: seriesOf(chart) }
    }
    const accesses = levelsChart(layers)
    expect(accesses.title).toMatch(/^Accesses per storage level/)
    expect(accesses.series.map((series) => [series.name, series.data])).toEqual([
      ["DRAM", [10, 5]],
      ["SRAM", [40, 20]],
    ])
    const withEnergy: TrialLayerCosts[] = [
      {
        ...(layers[0] as TrialLayerCosts),
        layers: [
          {
            name: "conv1",
            cycles: 100,
            energyPj: 2000,
            utilization: 0.5,
            accesses: { DRAM: 10 },
            energyByLevel: { DRAM: 1500, MACs: 500 },
          },
          { name: "fc", cycles: 50, energyPj: 900, utilization: 0.25, accesses: { DRAM: 5 }, energyByLevel: { DRAM: 600, MACs: 300 } },
        ],
      },
    ]
    const energy = levelsChart(withEnergy)
    expect(energy.title).toMatch(/^Energy per storage level/)
    expect(energy.series.map((series) => [series.name, series.data])).toEqual([
      ["DRAM", [1500, 600]],
      ["MACs", [500, 300]],
    ])
  })
})
