import { readFileSync } from "node:fs"
import { readTimeloopSpec, type TimeloopSpec } from "@cosearch/cost"
import { parseTimeloopStats, type TimeloopStats } from "./timeloop-stats.js"

// The two Timeloop runs shipped in data/timeloop/ (their README names the source), read as a
// Timeloop user would give them to cosearch: the processed input, Accelergy's ERT, and for the
// mapper run (whose input has no mapping) the mapping Timeloop printed.

export interface TimeloopRun {
  readonly name: string
  readonly spec: TimeloopSpec & Required<Pick<TimeloopSpec, "nest" | "mapping">>
  readonly stats: TimeloopStats
  readonly texts: { readonly yaml: string; readonly ert: string; readonly map: string }
}

const folder = new URL("../data/timeloop/", import.meta.url)

const run = (name: string, prefix: string, withMap: boolean): TimeloopRun => {
  const text = (file: string): string => readFileSync(new URL(`${name}/${file}`, folder), "utf8")
  const texts = { yaml: text("parsed-processed-input.yaml"), ert: text(`${prefix}.ERT_summary.yaml`), map: text(`${prefix}.map.txt`) }
  const read = readTimeloopSpec({ yaml: texts.yaml, ert: texts.ert, ...(withMap ? { map: texts.map } : {}) })
  if (!read.ok) throw new Error(read.errors.join("\n"))
  const { nest, mapping } = read.spec
  if (nest === undefined || mapping === undefined) throw new Error(`${name}: no problem or mapping`)
  return { name, spec: { ...read.spec, nest, mapping }, stats: parseTimeloopStats(text(`${prefix}.stats.txt`)), texts }
}

/** The tutorial's 1-D convolution on a 16-PE chip (mapping in the input) and the Eyeriss-like mapper run (mapping printed). */
export const timeloopRuns = (): readonly TimeloopRun[] => [
  run("ex04-conv1d+oc+ic-3levelspatial-cp", "timeloop-model", false),
  run("design-eyeriss-like", "timeloop-mapper", true),
]

/** Timeloop's data-space name of each operand. */
export const dataSpaceOf = { weights: "Weights", inputs: "Inputs", outputs: "Outputs" } as const
