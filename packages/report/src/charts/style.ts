import type { ReportStudy } from "../data/report-study.js"

/** Colours of the studies, in order (ECharts' default palette). */
export const palette = ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"]

/** The colour of the `index`-th study. */
export const studyColor = (index: number): string => palette[index % palette.length] as string

/** Settings that keep a big series drawable: ECharts' large mode and progressive rendering. */
export const bigSeries = { large: true, largeThreshold: 2000, progressive: 4000, progressiveThreshold: 5000 } as const

/** An objective's axis name: its metric and direction. */
export const objectiveName = (study: ReportStudy | undefined, m: number): string => {
  const objective = study?.objectives[m]
  return objective === undefined ? `objective ${m + 1}` : `${objective.metric} (${objective.direction})`
}

/**
 * `count` grids side by side in `columns` columns (rows as needed), as ECharts `grid` options in
 * percentages of the chart.
 */
export const gridLayout = (count: number, columns: number): Record<string, unknown>[] => {
  const rows = Math.ceil(count / columns)
  const width = 88 / columns
  const height = 78 / rows
  return Array.from({ length: count }, (_, i) => ({
    left: `${8 + (i % columns) * width}%`,
    top: `${12 + Math.floor(i / columns) * height}%`,
    width: `${width - 7}%`,
    height: `${height - 9}%`,
    containLabel: false,
  }))
}

/**
 * Keeps the points of a step line where its value changes, and the last one: the same line with
 * far fewer points.
 */
export const stepPoints = (xs: readonly number[], ys: readonly number[]): [number, number][] => {
  const points: [number, number][] = []
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i] as number
    if (i === 0 || y !== ys[i - 1] || i === xs.length - 1) points.push([xs[i] as number, y])
  }
  return points
}
