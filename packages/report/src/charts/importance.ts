import { parameterImportance } from "../analysis/importance.js"
import type { ReportStudy } from "../data/report-study.js"
import type { Chart } from "./chart.js"

/**
 * Parameter importance (`parameterImportance`: permutation importance of a seeded random forest
 * per objective, normalized to sum 1): horizontal bars, one category per parameter (the union
 * over the studies, most important first for the first study's first objective), one series per
 * study and objective (`<study>: <metric>`).
 *
 * @example
 * const chart = importanceChart([study])
 */
export const importanceChart = (studies: readonly ReportStudy[]): Chart => {
  const results = studies.map((study) => ({
    study,
    importance: parameterImportance(
      study.objectives.map((objective) => objective.direction),
      study.trials,
    ),
  }))
  const names: string[] = []
  const firstResult = results[0]?.importance
  if (firstResult !== undefined) {
    const first = firstResult.objectives[0]?.importance ?? []
    names.push(
      ...firstResult.parameters
        .map((name, i) => ({ name, value: first[i] ?? 0 }))
        .sort((a, b) => b.value - a.value)
        .map(({ name }) => name),
    )
  }
  for (const { importance } of results) for (const name of importance?.parameters ?? []) if (!names.includes(name)) names.push(name)
  // Bars are drawn bottom-up: the most important parameter on top.
  const categories = [...names].reverse()
  const series = results.flatMap(({ study, importance }) =>
    importance === undefined
      ? []
      : importance.objectives.map((objective, m) => ({
          name: `${study.name}: ${study.objectives[m]?.metric ?? `objective ${m + 1}`}`,
          type: "bar",
          data: categories.map((name) => {
            const i = importance.parameters.indexOf(name)
            return i < 0 ? 0 : Number((objective.importance[i] as number).toFixed(4))
          }),
        })),
  )
  const used = results
    .map(
      ({ study, importance }) => `${study.name}: ${importance === undefined ? "too few feasible trials" : `${importance.trials} trials`}`,
    )
    .join(", ")
  return {
    id: "importance",
    title: `Parameter importance (random-forest permutation importance; ${used})`,
    option: {
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { type: "scroll", top: 0 },
      grid: { left: 20, right: 30, top: 50, bottom: 40, containLabel: true },
      xAxis: { type: "value", name: "importance", min: 0 },
      yAxis: { type: "category", data: categories },
      series,
    },
  }
}
