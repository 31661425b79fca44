/** One measured latency: a network argument (zoo spec or network file) and the milliseconds measured. */
export interface Measurement {
  readonly network: string
  readonly latencyMs: number
  /** `train` rows fit the constants; `test` rows only report agreement. Absent: train. */
  readonly split: "train" | "test"
  /** 1-based line in the file, for messages. */
  readonly line: number
}

/** The rows of a measurements file, or every problem found (each naming its line and column). */
export type MeasurementsParse =
  | { readonly ok: true; readonly measurements: readonly Measurement[] }
  | { readonly ok: false; readonly errors: readonly string[] }

/**
 * Parses a measurements CSV: a header with the columns `network` and `latency_ms`, and optionally
 * `split` (`train` or `test`); one row per measured inference. Fields hold no commas (zoo specs
 * and file paths). Never throws.
 *
 * @example
 * parseMeasurementsCsv("network,latency_ms,split\nnb201:421211,1.026,train\n")
 */
export const parseMeasurementsCsv = (text: string): MeasurementsParse => {
  const lines = text.split(/\r?\n/)
  const header = (lines[0] ?? "").split(",").map((name) => name.trim())
  const networkColumn = header.indexOf("network")
  const latencyColumn = header.indexOf("latency_ms")
  const splitColumn = header.indexOf("split")
  if (networkColumn < 0 || latencyColumn < 0)
    return {
      ok: false,
      errors: [`line 1: the header "${lines[0] ?? ""}" must name the columns network and latency_ms (and optionally split)`],
    }
  const errors: string[] = []
  const measurements: Measurement[] = []
  lines.slice(1).forEach((text, i) => {
    const line = i + 2
    if (text.trim() === "") return
    const fields = text.split(",").map((field) => field.trim())
    const network = fields[networkColumn] ?? ""
    const latencyText = fields[latencyColumn] ?? ""
    const latencyMs = Number(latencyText)
    const split = splitColumn < 0 ? "train" : (fields[splitColumn] ?? "")
    if (network === "") errors.push(`line ${line}: network is empty`)
    if (latencyText === "" || !Number.isFinite(latencyMs) || latencyMs <= 0)
      errors.push(`line ${line}: latency_ms "${latencyText}" must be a positive number of milliseconds`)
    if (split !== "train" && split !== "test") errors.push(`line ${line}: split "${split}" must be train or test`)
    else if (network !== "" && latencyMs > 0) measurements.push({ network, latencyMs, split, line })
  })
  if (errors.length > 0) return { ok: false, errors }
  if (!measurements.some((m) => m.split === "train")) return { ok: false, errors: ["the file has no train rows to fit on"] }
  return { ok: true, measurements }
}
