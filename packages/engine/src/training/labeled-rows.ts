import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { type CsvTable, csvCellError, parseCsvTable } from "@cosearch/network"
import type { Trial } from "@cosearch/optimize"
import type { SpaceJson } from "@cosearch/space"
import type { Study } from "@cosearch/store"
import { type Dataset, datasetOf } from "@cosearch/surrogate"
import type { EvaluatorConfig } from "../evaluators/registry.js"
import { createFeaturizer, FeaturizeError, type Featurizer, type FeaturizerSpec } from "../surrogate/featurizer.js"

/**
 * Training or test data: the featurized rows with their targets, each row's key for splitting
 * (a CSV's `index` column, else its row number; a study's trial number) and how many rows were
 * left out and why.
 *
 * @example
 * const rows = csvRows("nb201.csv.gz", "lb_edgetpu_int8_ms")
 * rows.dataset.rows // 15,284: the 341 disconnected cells have no latency
 */
export interface LabeledRows {
  readonly featurizer: Featurizer
  readonly target: string
  readonly dataset: Dataset
  readonly keys: Int32Array
  readonly excluded: number
  /** Why rows were left out (one line per reason, with its count). */
  readonly exclusions: readonly string[]
}

/** Collects featurized rows and the rows left out, by reason. */
const rowCollector = (featurizer: Featurizer, target: string) => {
  const vectors: Float64Array[] = []
  const targets: number[] = []
  const keys: number[] = []
  const left = new Map<string, number>()
  return {
    width: featurizer.names.length,
    add: (vector: Float64Array, value: number, key: number) => {
      vectors.push(vector)
      targets.push(value)
      keys.push(key)
    },
    leaveOut: (reason: string) => left.set(reason, (left.get(reason) ?? 0) + 1),
    count: () => vectors.length,
    rows: (): LabeledRows => ({
      featurizer,
      target,
      dataset: datasetOf(featurizer.names, vectors, targets),
      keys: Int32Array.from(keys),
      excluded: [...left.values()].reduce((a, b) => a + b, 0),
      exclusions: [...left].map(([reason, count]) => `${count} ${reason}`),
    }),
  }
}

/**
 * Reads a CSV file, gzipped when its name ends in `.gz`: the header and the rows, each with its
 * line (RFC 4180: quoted fields may hold commas, quotes and line breaks).
 *
 * @throws FeaturizeError naming the file, and the line and column of a row with the wrong number
 * of fields or a quote never closed.
 * @example
 * readCsv("trials.csv").rows[0] // { line: 2, fields: ["0", "complete", ...] }
 */
export const readCsv = (path: string): CsvTable => {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw new FeaturizeError(`cannot read data file "${path}": ${(error as Error).message}`)
  }
  let text: string
  try {
    text = (path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8")
  } catch (error) {
    throw new FeaturizeError(`data file "${path}" is not valid gzip: ${(error as Error).message}`)
  }
  if (text.trim() === "") throw new FeaturizeError(`data file "${path}" is empty`)
  const parsed = parseCsvTable(text)
  if (!parsed.ok) throw new FeaturizeError(`"${path}" ${parsed.error}`)
  return parsed.table
}

/** The network column a CSV names by convention: `arch`, `arch_str` or `network`. */
export const defaultNetworkColumn = (header: readonly string[]): string | undefined =>
  ["arch", "arch_str", "network"].find((name) => header.includes(name))

/**
 * The rows of a CSV file, featurized by `spec` (default: the network column `arch`, `arch_str`
 * or `network` when there is one, else every other numeric column), with `target` as the label.
 * A spec's network column missing from the file is replaced by the file's conventional one.
 * Rows whose target is empty are left out (and counted).
 *
 * @throws FeaturizeError naming the file, line, column and value of a cell that is not a number
 * where one is needed (a target or a feature column), of a row with the wrong number of fields or
 * of a quote never closed.
 * @example
 * const rows = csvRows("/work/shared/data/nb201.csv.gz", "lb_edgetpu_int8_ms")
 */
export const csvRows = (
  path: string,
  target: string,
  spec?: Extract<FeaturizerSpec, { kind: "table" }>,
  baseDirectory = ".",
): LabeledRows => {
  const { header, rows } = readCsv(path)
  if (!header.includes(target)) throw new FeaturizeError(`--target: expected a column of "${path}" (${header.join(", ")}), got "${target}"`)
  // A model trained on one campaign's CSV reads another's whose network column has another conventional name.
  const named = spec?.networkColumn
  const networkColumn =
    spec === undefined
      ? defaultNetworkColumn(header)
      : named !== undefined && !header.includes(named)
        ? (defaultNetworkColumn(header) ?? named)
        : named
  const numeric = (column: string) => rows.slice(0, 50).every((row) => Number.isFinite(Number(row.fields[header.indexOf(column)] || "x")))
  const columns =
    spec?.columns ??
    (networkColumn !== undefined ? [] : header.filter((column) => column !== target && column !== "index" && numeric(column)))
  for (const column of [...columns, ...(networkColumn === undefined ? [] : [networkColumn])]) {
    if (!header.includes(column))
      throw new FeaturizeError(`--features: expected a column of "${path}" (${header.join(", ")}), got "${column}"`)
  }
  if (columns.length === 0 && networkColumn === undefined)
    throw new FeaturizeError(`--features: "${path}" has no feature column besides the target`)
  const featurizer = createFeaturizer(
    networkColumn === undefined ? { kind: "table", columns } : { kind: "table", columns, networkColumn },
    baseDirectory,
  )
  const collected = rowCollector(featurizer, target)
  const targetAt = header.indexOf(target)
  const indexAt = header.indexOf("index")
  for (const [number, { line, fields }] of rows.entries()) {
    const text = fields[targetAt] ?? ""
    if (text.trim() === "") {
      collected.leaveOut(`rows with no ${target} value`)
      continue
    }
    const value = Number(text)
    if (!Number.isFinite(value)) throw new FeaturizeError(`"${path}" ${csvCellError(line, target, text, "a number")}`)
    const row = Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ""]))
    const vector = new Float64Array(collected.width)
    try {
      featurizer.ofRow(row, vector, 0)
    } catch (error) {
      const message = (error as Error).message
      throw new FeaturizeError(`"${path}" line ${line}${message.startsWith("column ") ? ", " : ": "}${message}`)
    }
    collected.add(vector, value, indexAt >= 0 && Number.isInteger(Number(fields[indexAt])) ? Number(fields[indexAt]) : number)
  }
  return collected.rows()
}

/** The fixed zoo network an evaluator's settings name (a `cost` evaluator, or one inside a `composite`). */
const fixedNetworkOf = (evaluator: EvaluatorConfig | undefined): string | undefined => {
  if (evaluator === undefined) return undefined
  if (evaluator.kind === "cost") return evaluator.network
  if (evaluator.kind === "composite") for (const part of evaluator.evaluators) return fixedNetworkOf(part)
  return undefined
}

/**
 * How a study's configurations are featurized: the design features of its space, with the
 * network features of the evaluator's fixed network, or of the space's own network part, when
 * there is one.
 *
 * @example
 * studyFeaturizerSpec("edgetpu-knobs", { kind: "cost", network: "mobilenet_v2" }) // { kind: "study", space: "edgetpu-knobs", network: { zoo: "mobilenet_v2" } }
 */
export const studyFeaturizerSpec = (space: string | SpaceJson, evaluator: EvaluatorConfig | undefined): FeaturizerSpec => {
  const zoo = fixedNetworkOf(evaluator)
  if (zoo !== undefined) return { kind: "study", space, network: { zoo } }
  try {
    createFeaturizer({ kind: "study", space, network: "space" })
    return { kind: "study", space, network: "space" }
  } catch {
    return { kind: "study", space }
  }
}

/**
 * The finished trials of a study, featurized by `spec` (default `studyFeaturizerSpec` of the
 * study's space and evaluator), labeled with the metric `target`. Only complete, feasible trials
 * are regression data: infeasible and failed trials are left out (counted in `exclusions`), as are
 * trials without a finite `target`.
 *
 * @throws FeaturizeError when the target is no metric of any trial.
 * @example
 * const rows = studyRows(study, await store.trials(study.id), "latencyMs")
 */
export const studyRows = (study: Study, trials: readonly Trial[], target: string, spec?: FeaturizerSpec): LabeledRows => {
  const config = study.config as { readonly evaluator?: EvaluatorConfig } | null
  const featurizer = createFeaturizer(spec ?? studyFeaturizerSpec(study.space as string | SpaceJson, config?.evaluator))
  const collected = rowCollector(featurizer, target)
  const seen = new Set<string>()
  for (const trial of trials) {
    for (const name of Object.keys(trial.metrics ?? {})) seen.add(name)
    if (trial.state !== "complete") {
      collected.leaveOut(`${trial.state} trials`)
      continue
    }
    const value = trial.metrics?.[target]
    if (typeof value !== "number" || !Number.isFinite(value)) {
      collected.leaveOut(`trials with no finite ${target}`)
      continue
    }
    const vector = new Float64Array(collected.width)
    featurizer.ofConfiguration(trial.params, vector, 0)
    collected.add(vector, value, trial.number)
  }
  if (collected.count() === 0 && !seen.has(target)) {
    throw new FeaturizeError(
      `--target: study "${study.name}" has no metric "${target}"${seen.size === 0 ? "" : ` (its metrics are ${[...seen].join(", ")})`}`,
    )
  }
  return collected.rows()
}

/**
 * How rows are split into training and test rows: `index-mod-5` tests the rows whose key is a
 * multiple of 5 (the split of issue 9's acceptance); `random` tests a seeded 20%.
 *
 * @example
 * const split: SplitRule = "index-mod-5"
 */
export type SplitRule = "index-mod-5" | "random"

/**
 * Splits rows by a rule; both parts are in row order.
 *
 * @example
 * const { train, test } = splitRows(rows.keys, "index-mod-5", 0)
 */
export const splitRows = (keys: Int32Array, rule: SplitRule, random: () => number): { train: Int32Array; test: Int32Array } => {
  const train: number[] = []
  const test: number[] = []
  for (let i = 0; i < keys.length; i++) {
    const isTest = rule === "index-mod-5" ? (keys[i] as number) % 5 === 0 : random() < 0.2
    ;(isTest ? test : train).push(i)
  }
  return { train: Int32Array.from(train), test: Int32Array.from(test) }
}
