import { existsSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, isAbsolute, resolve } from "node:path"
import { gunzipSync } from "node:zlib"
import { nb201EdgeNames } from "@cosearch/network"
import type { Configuration, Space } from "@cosearch/space"
import type { ConfigIssue } from "../../issues/config-issue.js"
import type { EvaluatorEntry, EvaluatorKind } from "../evaluator.js"
import { type Nb201TableSettings, Nb201TableSettingsSchema } from "./schema.js"

/** The row fields of one cell. */
interface Cell {
  readonly accuracy: number
  readonly coralLatencyMs: number | undefined
  readonly mflops: number
  readonly mparams: number
}

const operationIds = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]

/** The table bundled with `@cosearch/network`. */
const defaultTable = (): string => resolve(dirname(createRequire(import.meta.url).resolve("@cosearch/network")), "../data/nb201.csv.gz")

const tablePath = (settings: Nb201TableSettings, baseDirectory: string): string =>
  settings.table === undefined ? defaultTable() : isAbsolute(settings.table) ? settings.table : resolve(baseDirectory, settings.table)

const readLines = (path: string): string[] => {
  const bytes = readFileSync(path)
  return (path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8").trim().split("\n")
}

/**
 * The namespace under which a space holds the six NB201 edges: "" for `nb201` itself, "nn." for
 * a joint space with the cell under `nn`; undefined when the space has no NB201 cell.
 */
const edgePrefix = (space: Space): string | undefined => {
  const names = new Set(space.parameters.map((parameter) => parameter.name))
  const first = nb201EdgeNames[0] as string
  for (const name of names) {
    if (!name.endsWith(first)) continue
    const prefix = name.slice(0, name.length - first.length)
    if (nb201EdgeNames.every((edge) => names.has(`${prefix}${edge}`))) return prefix
  }
  return undefined
}

const archKey = (configuration: Configuration, prefix: string): string =>
  nb201EdgeNames.map((edge) => operationIds.indexOf(String(configuration[`${prefix}${edge}`]))).join("")

const loadTable = (path: string, accuracyColumn: string): Map<string, Cell> => {
  const [head = "", ...rows] = readLines(path)
  const header = head.split(",")
  const at = (name: string): number => header.indexOf(name)
  const [arch, accuracy, latency, flops, params] = ["arch_vec", accuracyColumn, "lb_edgetpu_int8_ms", "flops_M_c10", "params_M_c10"].map(at)
  const cells = new Map<string, Cell>()
  for (const row of rows) {
    const fields = row.split(",")
    const ms = fields[latency ?? -1] ?? ""
    cells.set(fields[arch ?? -1] ?? "", {
      accuracy: Number(fields[accuracy ?? -1]),
      coralLatencyMs: ms === "" ? undefined : Number(ms),
      mflops: Number(fields[flops ?? -1]),
      mparams: Number(fields[params ?? -1]),
    })
  }
  return cells
}

/**
 * The `nb201-table` evaluator: looks a NAS-Bench-201 cell up in the benchmark's table. Metrics:
 * `accuracy` (the chosen column, %), `coralLatencyMs` (Coral Edge TPU int8 latency, BRP-NAS
 * LatBench), `mflops` and `mparams` (CIFAR-10 network). Disconnected cells, which have no latency,
 * are infeasible.
 *
 * @example
 * const evaluate = await nb201TableEvaluator.create({ kind: "nb201-table" }, context)
 * evaluate({ study: "s", number: 0, configuration }).metrics.accuracy
 */
export const nb201TableEvaluator: EvaluatorKind<Nb201TableSettings> = {
  outputs: () => ["accuracy", "coralLatencyMs", "mflops", "mparams"],
  check: (settings, { space, baseDirectory }) => {
    const issues: ConfigIssue[] = []
    if (edgePrefix(space) === undefined) {
      issues.push({
        path: "(root)",
        message: `the nb201-table evaluator needs a space with the six NB201 edges (${nb201EdgeNames.join(", ")}), alone or under a namespace; space "${space.name}" has none`,
      })
    }
    const path = tablePath(settings, baseDirectory)
    if (!existsSync(path))
      return [...issues, { path: "table", message: `expected a readable CSV file, got "${path}", which does not exist` }]
    const header = (readLines(path)[0] ?? "").split(",")
    for (const column of ["arch_vec", settings.accuracyColumn ?? "acc_c10_test_200ep"]) {
      if (!header.includes(column)) {
        const where = column === "arch_vec" ? "table" : "accuracyColumn"
        issues.push({ path: where, message: `expected a column of "${path}" (${header.join(", ")}), got "${column}"` })
      }
    }
    return issues
  },
  create: (settings, { space, baseDirectory }) => {
    const prefix = edgePrefix(space) ?? ""
    const table = loadTable(tablePath(settings, baseDirectory), settings.accuracyColumn ?? "acc_c10_test_200ep")
    return ({ configuration }) => {
      const key = archKey(configuration, prefix)
      const cell = table.get(key)
      if (cell === undefined) throw new Error(`the NB201 table has no cell with arch_vec ${key}`)
      const metrics = { accuracy: cell.accuracy, coralLatencyMs: cell.coralLatencyMs ?? null, mflops: cell.mflops, mparams: cell.mparams }
      return cell.coralLatencyMs === undefined ? { metrics, infeasible: "a disconnected cell: no Edge TPU latency" } : { metrics }
    }
  },
}

/**
 * The `nb201-table` evaluator's registry entry: its kind, settings schema and evaluator.
 *
 * @example
 * nb201TableEntry.schema // decodes { "kind": "nb201-table", ... }
 */
export const nb201TableEntry: EvaluatorEntry<Nb201TableSettings> = {
  kind: "nb201-table",
  schema: Nb201TableSettingsSchema,
  evaluator: nb201TableEvaluator,
}
