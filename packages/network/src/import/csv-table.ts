import { CsvError, parse } from "csv-parse/sync"

/**
 * One data row of a CSV table: its fields and the line (from 1, the header being line 1) where
 * the row starts.
 *
 * @example
 * const row: CsvRow = { line: 2, fields: ["nb201:333333", "1.2"] }
 */
export interface CsvRow {
  readonly line: number
  readonly fields: readonly string[]
}

/**
 * A CSV table: the header's column names and the data rows, each with as many fields as the header.
 *
 * @example
 * const table: CsvTable = { header: ["network", "latency_ms"], rows: [{ line: 2, fields: ["nb201:333333", "1.2"] }] }
 */
export interface CsvTable {
  readonly header: readonly string[]
  readonly rows: readonly CsvRow[]
}

/**
 * A CSV table, or the first problem found: the line (from 1, counting the header), the column
 * and the text, in a message without the file's name (the caller prefixes it).
 *
 * @example
 * const parsed = parseCsvTable("a,b\n1\n")
 * if (!parsed.ok) console.error(`data.csv ${parsed.error}`) // data.csv line 2: expected 2 fields (a, b), got 1: no value for column "b"
 */
export type CsvTableParse =
  | { readonly ok: true; readonly table: CsvTable }
  | { readonly ok: false; readonly line: number; readonly error: string }

/**
 * How a CSV table is read: `trim` strips blanks around each field and column name (default
 * false); `to` stops after that many data rows (default all).
 *
 * @example
 * parseCsvTable(text, { trim: true, to: 0 }) // the header only
 */
export interface CsvTableOptions {
  readonly trim?: boolean
  readonly to?: number
}

/** A record as csv-parse hands it over with `info`. */
interface ParsedRecord {
  readonly record: readonly string[]
  readonly info: { readonly lines: number }
}

/** A line of blanks: one field of nothing but blanks. */
const isBlank = (record: readonly string[]): boolean => record.length === 1 && (record[0] ?? "").trim() === ""

const shown = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)

const columnName = (header: readonly string[], index: number): string =>
  header[index] === undefined ? `${index + 1}` : JSON.stringify(header[index])

const fieldCountError = (header: readonly string[], record: readonly string[], line: number): string => {
  const detail =
    record.length < header.length
      ? `no value for column ${columnName(header, record.length)}`
      : `the extra field ${shown(record[header.length] ?? "")}`
  const names = header.length > 8 ? `${header.slice(0, 8).join(", ")}, ...` : header.join(", ")
  return `line ${line}: expected ${header.length} fields (${names}), got ${record.length}: ${detail}`
}

/** The 1-based line of the first non-blank line after `line`, `lines` being the text's lines. */
const nextRecordLine = (lines: readonly string[], line: number): number => {
  let next = line + 1
  while (next <= lines.length && (lines[next - 1] ?? "").trim() === "") next++
  return next
}

/**
 * Reads CSV text as RFC 4180 (quoted fields may hold commas, doubled quotes and line breaks; a
 * quote inside an unquoted field is kept as text): the first record is the header, blank lines are
 * skipped, a byte-order mark is dropped. Every row must have as many fields as the header. Never
 * throws: a row with the wrong number of fields, or a quote never closed, is reported with its
 * line, column and text.
 *
 * @example
 * const parsed = parseCsvTable('network,latency_ms\n"net,1.json",1.2\n')
 * if (parsed.ok) parsed.table.rows[0]?.fields // ["net,1.json", "1.2"]
 */
export const parseCsvTable = (text: string, options: CsvTableOptions = {}): CsvTableParse => {
  const lines = text.split(/\r\n|\n|\r/)
  let header: readonly string[] | undefined
  const rows: CsvRow[] = []
  let problem: { readonly line: number; readonly error: string } | undefined
  // The line where the last record (blank ones included) ended: the next one starts after it.
  let lastLine = 0
  try {
    parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: options.trim ?? false,
      ...(options.to === undefined ? {} : { to: options.to + 1 }),
      // With `info`, a record arrives as { record, info }; it is kept here, not in parse's result.
      on_record: (wrapped) => {
        const { record, info } = wrapped as unknown as ParsedRecord
        const line = nextRecordLine(lines, lastLine)
        lastLine = info.lines
        if (problem !== undefined || isBlank(record)) return null
        if (header === undefined) header = record
        else if (record.length === header.length) rows.push({ line, fields: record })
        else problem = { line, error: fieldCountError(header, record, line) }
        return null
      },
    })
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const line =
      error.code === "CSV_QUOTE_NOT_CLOSED" ? nextRecordLine(lines, lastLine) : ((error as { lines?: number }).lines ?? lastLine + 1)
    const index = (error as { index?: number }).index
    const column = typeof index === "number" ? `, column ${columnName(header ?? [], index)}` : ""
    const what =
      error.code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quoted field is never closed (its closing quote is missing)"
        : `not readable as CSV (${error.message.replace(/^[^:]*:\s*/, "")})`
    return { ok: false, line, error: `line ${line}${column}: ${what}; the line is ${shown(lines[line - 1] ?? "")}` }
  }
  if (problem !== undefined) return { ok: false, ...problem }
  if (header === undefined) return { ok: false, line: 1, error: "line 1: expected a header row, got an empty file" }
  return { ok: true, table: { header, rows } }
}

/**
 * The message for a cell that does not hold what its column needs: its line, column and text.
 *
 * @example
 * csvCellError(3, "latency_ms", "fast", "a number") // 'line 3, column "latency_ms": expected a number, got "fast"'
 */
export const csvCellError = (line: number, column: string, text: string, expected: string): string =>
  `line ${line}, column ${JSON.stringify(column)}: expected ${expected}, got ${shown(text)}`
