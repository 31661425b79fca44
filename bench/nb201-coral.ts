/**
 * The tabular co-search benchmark: NAS-Bench-201 cells (`nb201Space`, six edge operations) on a
 * Coral Edge TPU. Maximize `acc_c10_test_200ep` subject to `lb_edgetpu_int8_ms <= 1.1164` (the
 * median latency); cells without a latency (disconnected ones) are infeasible. Each optimizer runs
 * once per seed with a budget of evaluations (repeats of a cell count); the bench prints the mean
 * and standard deviation over seeds of the best feasible accuracy after 25, 50, 100 and 200
 * evaluations (the checkpoints within the budget).
 *
 * Flags: `--accuracy-column COL` (default acc_c10_test_200ep), `--latency-threshold MS` (default
 * 1.1164), `--budget N` (default 200), `--seeds A-B` (default 0-9), `--optimizers a,b` (default
 * all: random, evolution, nsga2, gp-bo, gp-bo-ucb, p3bo). Data: packages/network/data/nb201.csv.gz.
 * Ends stdout with one JSON line: `{"<optimizer>": {"25": mean, "50": mean, "100": mean, "200": mean}, ...}`.
 *
 * @example
 * // pnpm -s bench nb201-coral --optimizers random,gp-bo --seeds 0-2
 */
import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { nb201EdgeNames, nb201Operations, nb201Space } from "@cosearch/network"
import { complete, createOptimizerByName, finishedTrial, infeasible, optimizerNames, type TrialResult } from "@cosearch/optimize"
import type { Configuration } from "@cosearch/space"

interface Settings {
  readonly accuracyColumn: string
  readonly latencyThreshold: number
  readonly budget: number
  readonly seeds: readonly number[]
  readonly optimizers: readonly string[]
}

const usage =
  "flags: --accuracy-column COL, --latency-threshold MS (> 0), --budget N (>= 1), --seeds A-B, --optimizers a,b " +
  `(of ${optimizerNames.join(", ")})`

const parseSettings = (args: readonly string[]): Settings => {
  let accuracyColumn = "acc_c10_test_200ep"
  let latencyThreshold = 1.1164
  let budget = 200
  let seeds = Array.from({ length: 10 }, (_, i) => i)
  let optimizers: string[] = [...optimizerNames]
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i]
    const value = args[i + 1] ?? ""
    const range = /^(\d+)-(\d+)$/.exec(value)
    if (flag === "--accuracy-column" && value !== "") accuracyColumn = value
    else if (flag === "--latency-threshold" && Number(value) > 0) latencyThreshold = Number(value)
    else if (flag === "--budget" && Number.isInteger(Number(value)) && Number(value) >= 1) budget = Number(value)
    else if (flag === "--seeds" && range !== null && Number(range[1]) <= Number(range[2])) {
      seeds = Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, k) => Number(range[1]) + k)
    } else if (flag === "--optimizers" && value.split(",").every((name) => optimizerNames.includes(name))) optimizers = value.split(",")
    else throw new Error(`unknown flag or bad value at "${args.slice(i, i + 2).join(" ")}"; ${usage}`)
  }
  return { accuracyColumn, latencyThreshold, budget, seeds, optimizers }
}

interface Cell {
  readonly accuracy: number
  readonly latency: number | undefined
}

/** Every cell by its arch_vec (six operation ids in arch-string edge order). */
const loadTable = (accuracyColumn: string): Map<string, Cell> => {
  const lines = gunzipSync(readFileSync(new URL("../packages/network/data/nb201.csv.gz", import.meta.url)))
    .toString("utf8")
    .trim()
    .split("\n")
  const header = (lines[0] ?? "").split(",")
  const column = (name: string): number => {
    const index = header.indexOf(name)
    if (index < 0) throw new Error(`nb201.csv.gz has no column "${name}"; columns: ${header.join(", ")}`)
    return index
  }
  const arch = column("arch_vec")
  const accuracy = column(accuracyColumn)
  const latency = column("lb_edgetpu_int8_ms")
  const table = new Map<string, Cell>()
  for (const line of lines.slice(1)) {
    const fields = line.split(",")
    const ms = fields[latency] ?? ""
    table.set(fields[arch] ?? "", { accuracy: Number(fields[accuracy]), latency: ms === "" ? undefined : Number(ms) })
  }
  return table
}

const archOf = (config: Configuration): string =>
  nb201EdgeNames.map((name) => (nb201Operations as readonly unknown[]).indexOf(config[name])).join("")

const checkpointsOf = (budget: number): number[] => [25, 50, 100, 200].filter((n) => n <= budget)

/** One study: the best feasible accuracy after each evaluation. */
const runStudy = (name: string, seed: number, settings: Settings, table: Map<string, Cell>): Float64Array => {
  const optimizer = createOptimizerByName(name, nb201Space, { directions: ["maximize"], seed })
  const best = new Float64Array(settings.budget).fill(Number.NaN)
  let incumbent = Number.NaN
  let spent = 0
  const evaluate = (config: Configuration): TrialResult => {
    const cell = table.get(archOf(config))
    if (cell === undefined) throw new Error(`no NB201 row for ${archOf(config)}`)
    if (cell.latency === undefined) return infeasible()
    if (cell.latency <= settings.latencyThreshold && !(cell.accuracy <= incumbent)) incumbent = cell.accuracy
    return complete([cell.accuracy], [cell.latency - settings.latencyThreshold])
  }
  while (spent < settings.budget) {
    const proposals = optimizer.ask(1)
    optimizer.tell(proposals.map((proposal, k) => finishedTrial(spent + k, proposal, evaluate(proposal.params))))
    best[spent] = incumbent
    spent += proposals.length
  }
  return best
}

const meanAndDeviation = (values: readonly number[]): [number, number] => {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length - 1)
  return [mean, Math.sqrt(variance)]
}

/**
 * Runs the benchmark (see the file comment for flags and output).
 *
 * @example
 * await main(["--optimizers", "gp-bo", "--seeds", "0-2"])
 */
export const main = (args: string[]): void => {
  const settings = parseSettings(args)
  const table = loadTable(settings.accuracyColumn)
  const checkpoints = checkpointsOf(settings.budget)
  console.log(
    `nb201-coral: maximize ${settings.accuracyColumn} s.t. lb_edgetpu_int8_ms <= ${settings.latencyThreshold}; ` +
      `budget ${settings.budget}, seeds ${settings.seeds[0]}-${settings.seeds.at(-1)}; best feasible accuracy, mean ± std over seeds`,
  )
  console.log(`${"optimizer".padEnd(12)}${checkpoints.map((n) => String(n).padStart(16)).join("")}${"seconds".padStart(10)}`)
  const results: Record<string, Record<string, number>> = {}
  for (const name of settings.optimizers) {
    const start = process.hrtime.bigint()
    const runs = settings.seeds.map((seed) => runStudy(name, seed, settings, table))
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    const figures: Record<string, number> = {}
    const cells = checkpoints.map((n) => {
      const [mean, deviation] = meanAndDeviation(runs.map((run) => run[n - 1] as number))
      figures[String(n)] = Number(mean.toFixed(4))
      return `${mean.toFixed(2)} ± ${deviation.toFixed(2)}`.padStart(16)
    })
    results[name] = figures
    console.log(`${name.padEnd(12)}${cells.join("")}${seconds.toFixed(1).padStart(10)}`)
  }
  console.log(JSON.stringify(results))
}
