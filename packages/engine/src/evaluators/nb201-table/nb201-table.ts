import { existsSync, readFileSync } from "node:fs"
import { isAbsolute, resolve } from "node:path"
import { gunzipSync } from "node:zlib"
import { type CsvTable, type CsvTableOptions, csvCellError, nb201EdgeNames, nb201TableFile, parseCsvTable } from "@cosearch/network"
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

const tablePath = (settings: Nb201TableSettings, baseDirectory: string): string =>
  settings.table === undefined ? nb201TableFile() : isAbsolute(settings.table) ? settings.table : resolve(baseDirectory, settings.table)

/**
 * The table at `path` (gzipped when its name ends in `.gz`) read as CSV.
 *
 * @throws Error naming the file, and the line and column of a row with the wrong number of fields
 * or a quote never closed.
 */
const readTable = (path: string, options: CsvTableOptions = {}): CsvTable => {
  const bytes = readFileSync(path)
  const parsed = parseCsvTable((path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8"), options)
  if (!parsed.ok) throw new Error(`NB201 table "${path}" ${parsed.error}`)
  return parsed.table
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

/**
 * The cells of a table by `arch_vec`. An empty latency marks a disconnected cell.
 *
 * @throws Error naming the file, line, column and text of a cell that is not a number.
 */
const loadTable = (path: string, accuracyColumn: string): Map<string, Cell> => {
  const { header, rows } = readTable(path)
  const columns = ["arch_vec", accuracyColumn, "lb_edgetpu_int8_ms", "flops_M_c10", "params_M_c10"]
  for (const column of columns)
    if (!header.includes(column)) throw new Error(`NB201 table "${path}": expected a column "${column}" (${header.join(", ")})`)
  const [arch, accuracy, latency, flops, params] = columns.map((name) => header.indexOf(name)) as [number, number, number, number, number]
  const cells = new Map<string, Cell>()
  for (const { line, fields } of rows) {
    const number = (at: number): number => {
      const text = fields[at] ?? ""
      const value = Number(text)
      if (text.trim() === "" || !Number.isFinite(value))
        throw new Error(`NB201 table "${path}" ${csvCellError(line, header[at] ?? "", text, "a number")}`)
      return value
    }
    cells.set(fields[arch] ?? "", {
      accuracy: number(accuracy),
      coralLatencyMs: fields[latency] === "" ? undefined : number(latency),
      mflops: number(flops),
      mparams: number(params),
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
    let header: readonly string[]
    try {
      header = readTable(path, { to: 0 }).header
    } catch (error) {
      return [...issues, { path: "table", message: (error as Error).message }]
    }
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
