// Reads the SCALE-Sim reference runs in packages/cost/data/scalesim/ with the project's own readers.
import { readFileSync } from "node:fs"
import { parseScaleSimConfig, type SystolicArray } from "@cosearch/accelerator"
import { analyzeNetworkOrThrow, type LoopNest, lowerNetwork, parseScaleSimTopology } from "@cosearch/network"

const dataFile = (name: string): string => readFileSync(new URL(`../data/scalesim/${name}`, import.meta.url), "utf8")

/** One row of results-32x32.csv, keyed by its header. */
export type ReferenceRow = Readonly<Record<string, string>>

/** The rows of a CSV file with a header line. */
export const readCsv = (name: string): ReferenceRow[] => {
  const [header = "", ...lines] = dataFile(name).trim().split(/\r?\n/)
  const keys = header.split(",")
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [keys[i] ?? `#${i}`, value])))
}

/** The loop nest of a single-layer topology file (`L1.csv`, ...), read and lowered. */
export const topologyNest = (layer: string): LoopNest => {
  const parsed = parseScaleSimTopology(dataFile(`${layer}.csv`), layer)
  if (!parsed.ok) throw new Error(parsed.errors.map((error) => error.message).join("\n"))
  const [nest, ...rest] = lowerNetwork(analyzeNetworkOrThrow(parsed.network))
  if (nest === undefined || rest.length > 0) throw new Error(`${layer}.csv should hold exactly one layer`)
  return nest
}

/** The array of a configuration file (`a32_ws.cfg`, ...), read. */
export const configArray = (name: string): SystolicArray => {
  const parsed = parseScaleSimConfig(dataFile(name))
  if (!parsed.ok) throw new Error(parsed.errors.map((error) => error.message).join("\n"))
  return parsed.config.array
}

/** A numeric column of a reference row. */
export const numberOf = (row: ReferenceRow, key: string): number => {
  const value = row[key]
  if (value === undefined || value === "" || !Number.isFinite(Number(value))) throw new Error(`column ${key} is missing or not a number`)
  return Number(value)
}
