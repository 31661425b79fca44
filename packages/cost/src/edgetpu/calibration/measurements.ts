import { parseCsvTable } from "@cosearch/network"

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
 * `split` (`train` or `test`); one row per measured inference. Fields are RFC 4180 CSV (a network
 * file path or zoo spec with a comma is quoted) and trimmed. Never throws: a row with the wrong
 * number of fields or a quote never closed is reported, as is every bad cell, with its line.
 *
 * @example
 * parseMeasurementsCsv("network,latency_ms,split\nnb201:421211,1.026,train\n")
 */
export const parseMeasurementsCsv = (text: string): MeasurementsParse => {
  const parsed = parseCsvTable(text, { trim: true })
  if (!parsed.ok) return { ok: false, errors: [parsed.error] }
  const { header, rows } = parsed.table
  const networkColumn = header.indexOf("network")
  const latencyColumn = header.indexOf("latency_ms")
  const splitColumn = header.indexOf("split")
  if (networkColumn < 0 || latencyColumn < 0)
    return {
      ok: false,
      errors: [`line 1: the header "${header.join(",")}" must name the columns network and latency_ms (and optionally split)`],
    }
  const errors: string[] = []
  const measurements: Measurement[] = []
  for (const { line, fields: read } of rows) {
    // Blanks inside quotes are trimmed too, as every field was before quoting was read.
    const fields = read.map((field) => field.trim())
    const network = fields[networkColumn] ?? ""
    const latencyText = fields[latencyColumn] ?? ""
    const latencyMs = Number(latencyText)
    const split = splitColumn < 0 ? "train" : (fields[splitColumn] ?? "")
    if (network === "") errors.push(`line ${line}: network is empty`)
    if (latencyText === "" || !Number.isFinite(latencyMs) || latencyMs <= 0)
      errors.push(`line ${line}: latency_ms "${latencyText}" must be a positive number of milliseconds`)
    if (split !== "train" && split !== "test") errors.push(`line ${line}: split "${split}" must be train or test`)
    else if (network !== "" && latencyMs > 0) measurements.push({ network, latencyMs, split, line })
  }
  if (errors.length > 0) return { ok: false, errors }
  if (!measurements.some((m) => m.split === "train")) return { ok: false, errors: ["the file has no train rows to fit on"] }
  return { ok: true, measurements }
}
