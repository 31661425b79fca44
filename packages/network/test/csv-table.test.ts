import { csvCellError, parseCsvTable } from "@cosearch/network"
import { describe, expect, it } from "vitest"

describe("parseCsvTable (RFC 4180 via csv-parse)", () => {
  it("reads a quoted field with a comma and a doubled quote, and a line break inside quotes, each row with its starting line", () => {
    const parsed = parseCsvTable('\ufeffname,value\n"a,b ""c""",1\n\n"two\nlines",2\nplain,3\n')
    expect(parsed).toEqual({
      ok: true,
      table: {
        header: ["name", "value"],
        rows: [
          { line: 2, fields: ['a,b "c"', "1"] },
          { line: 4, fields: ["two\nlines", "2"] },
          { line: 6, fields: ["plain", "3"] },
        ],
      },
    })
  })

  it("skips blank lines (CRLF too), trims on request and keeps a quote inside an unquoted field as text", () => {
    expect(parseCsvTable('a,b\r\n 1 , 2 \r\n   \r\n3,4"x\r\n', { trim: true })).toEqual({
      ok: true,
      table: {
        header: ["a", "b"],
        rows: [
          { line: 2, fields: ["1", "2"] },
          { line: 4, fields: ["3", '4"x'] },
        ],
      },
    })
    expect(parseCsvTable("a,b\n1,2\n3,4\n", { to: 0 })).toEqual({ ok: true, table: { header: ["a", "b"], rows: [] } })
  })

  it("names the line, column and text of a row with the wrong number of fields and of a quote never closed", () => {
    expect(parseCsvTable("network,latency_ms,split\nnb201:333333,1.2\n")).toEqual({
      ok: false,
      line: 2,
      error: 'line 2: expected 3 fields (network, latency_ms, split), got 2: no value for column "split"',
    })
    expect(parseCsvTable('a,b\n1,2\n"x,y",2,3\n')).toMatchObject({
      line: 3,
      error: 'line 3: expected 2 fields (a, b), got 3: the extra field "3"',
    })
    expect(parseCsvTable('a,b\n1,2\n\n3,"4\n5,6\n')).toEqual({
      ok: false,
      line: 4,
      error: 'line 4, column "b": a quoted field is never closed (its closing quote is missing); the line is "3,\\"4"',
    })
    expect(parseCsvTable("")).toMatchObject({ ok: false, error: "line 1: expected a header row, got an empty file" })
    expect(csvCellError(3, "latency_ms", "fast", "a number")).toBe('line 3, column "latency_ms": expected a number, got "fast"')
  })
})
