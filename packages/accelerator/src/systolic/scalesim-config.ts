import { KiB } from "../knobs/powers.js"
import { isSystolicDataflow, type SystolicArray } from "./array.js"
import { readIni } from "./ini.js"
import type { SystolicDataflow } from "./knobs.js"

/**
 * A SCALE-Sim configuration file, read: its run name, interface-bandwidth mode and the array.
 *
 * @example
 * const parsed = parseScaleSimConfig(text)
 * if (parsed.ok) console.log(parsed.config.runName, parsed.config.interfaceBandwidth, parsed.config.array.rows)
 */
export interface ScaleSimConfig {
  /** `[general] run_name`, or `"scalesim"` when absent. */
  readonly runName: string
  /** `[run_presets] InterfaceBandwidth`: `CALC` (no stalls) or `USER` (the file's `Bandwidth`). */
  readonly interfaceBandwidth: "CALC" | "USER"
  /** The array; its `name` is the run name. */
  readonly array: SystolicArray
}

/**
 * A problem in a configuration file: the key, its line when it has one (a missing key has none),
 * and a message naming both.
 *
 * @example
 * const error: ScaleSimConfigError = { key: "ArrayHeight", line: 5, message: 'line 5: ArrayHeight "0" must be a positive integer' }
 */
export interface ScaleSimConfigError {
  readonly key: string
  readonly line?: number
  readonly message: string
}

/**
 * The result of `parseScaleSimConfig`: the configuration, or every error found.
 *
 * @example
 * const parsed: ScaleSimConfigParse = parseScaleSimConfig(text)
 * const array = parsed.ok ? parsed.config.array : systolicPresets["systolic-32x32"]
 */
export type ScaleSimConfigParse =
  | { readonly ok: true; readonly config: ScaleSimConfig }
  | { readonly ok: false; readonly errors: readonly ScaleSimConfigError[] }

const ARCH = "architecture_presets"

/**
 * Reads a SCALE-Sim v2 configuration file (`.cfg`, Python `configparser` syntax: `[section]`,
 * `key = value` or `key: value`, case-insensitive keys, `#`/`;` comment lines). Reads what
 * SCALE-Sim reads: `ArrayHeight`, `ArrayWidth`, `IfmapSramSzkB`, `FilterSramSzkB`,
 * `OfmapSramSzkB` (KiB), `Dataflow` and, in `USER` mode, the first `Bandwidth` entry (words per
 * cycle; SCALE-Sim's words are 1 byte) from `[architecture_presets]`, and `InterfaceBandwidth`
 * from `[run_presets]`. Other keys and sections (offsets, banks, layout, sparsity) are ignored.
 * Never throws; errors name the key and its line, e.g.
 * `line 5: ArrayHeight "0" must be a positive integer`.
 *
 * @example
 * const parsed = parseScaleSimConfig(readFileSync("a32_ws.cfg", "utf8"))
 * if (parsed.ok) console.log(parsed.config.array.rows, parsed.config.array.dataflow) // 32 "ws"
 * else for (const error of parsed.errors) console.error(error.message)
 */
export const parseScaleSimConfig = (text: string): ScaleSimConfigParse => {
  const ini = readIni(text)
  const errors: ScaleSimConfigError[] = [...ini.errors]
  const missing = (section: string, key: string): void => {
    errors.push({ key, message: `[${section}] ${key} is missing` })
  }
  const integer = (key: string): number => {
    const entry = ini.get(ARCH, key)
    if (entry === undefined) {
      missing(ARCH, key)
      return 0
    }
    if (!/^\+?\d+$/.test(entry.value) || Number(entry.value) < 1) {
      errors.push({
        key,
        line: entry.line,
        message: `line ${entry.line}: ${key} ${JSON.stringify(entry.value)} must be a positive integer`,
      })
      return 0
    }
    return Number(entry.value)
  }

  const rows = integer("ArrayHeight")
  const columns = integer("ArrayWidth")
  const ifmapKiB = integer("IfmapSramSzkB")
  const filterKiB = integer("FilterSramSzkB")
  const ofmapKiB = integer("OfmapSramSzkB")

  let dataflow: SystolicDataflow = "os"
  const dataflowEntry = ini.get(ARCH, "Dataflow")
  if (dataflowEntry === undefined) missing(ARCH, "Dataflow")
  else if (isSystolicDataflow(dataflowEntry.value)) dataflow = dataflowEntry.value
  else {
    const { line, value } = dataflowEntry
    errors.push({ key: "Dataflow", line, message: `line ${line}: Dataflow ${JSON.stringify(value)} must be one of os, ws, is` })
  }

  let interfaceBandwidth: "CALC" | "USER" = "CALC"
  const modeEntry = ini.get("run_presets", "InterfaceBandwidth")
  if (modeEntry === undefined) missing("run_presets", "InterfaceBandwidth")
  else if (modeEntry.value === "CALC" || modeEntry.value === "USER") interfaceBandwidth = modeEntry.value
  else {
    const { line, value } = modeEntry
    errors.push({
      key: "InterfaceBandwidth",
      line,
      message: `line ${line}: InterfaceBandwidth ${JSON.stringify(value)} must be CALC or USER`,
    })
  }

  let dramBytesPerCycle: number | "calc" = "calc"
  if (interfaceBandwidth === "USER") {
    const entry = ini.get(ARCH, "Bandwidth")
    const first = entry?.value.split(",")[0]?.trim() ?? ""
    if (entry === undefined) missing(ARCH, "Bandwidth")
    else if (/^\+?\d+$/.test(first) && Number(first) >= 1) dramBytesPerCycle = Number(first)
    else {
      const { line, value } = entry
      errors.push({
        key: "Bandwidth",
        line,
        message: `line ${line}: Bandwidth ${JSON.stringify(value)} must be positive integers (words per cycle)`,
      })
    }
  }

  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)) }
  const runName = ini.get("general", "run_name")?.value ?? "scalesim"
  const array: SystolicArray = {
    name: runName,
    rows,
    columns,
    dataflow,
    ifmapSramBytes: ifmapKiB * KiB,
    filterSramBytes: filterKiB * KiB,
    ofmapSramBytes: ofmapKiB * KiB,
    dramBytesPerCycle,
    bytesPerElement: 1,
  }
  return { ok: true, config: { runName, interfaceBandwidth, array } }
}
