import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { csvRows, lookupSpace, nb201TableEvaluator, readCsv } from "@cosearch/engine"
import { describe, expect, it } from "vitest"

/** Writes `text` to a fresh file named `name`; returns its path. */
const written = (name: string, text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), "cosearch-csv-")), name)
  writeFileSync(path, text)
  return path
}

describe("CSV training data (csvRows)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks; rows without a target are left out and counted", () => {
    const path = written(
      "quoted.csv",
      'index,name,flops,latency_ms\n0,"conv,3x3 ""wide""",1.5,2.5\n1,plain,2,3\n2,"two\nlines",3,\n3,"a,b,c",4,5\n',
    )
    expect(readCsv(path).rows.map((row) => [row.line, row.fields[1]])).toEqual([
      [2, 'conv,3x3 "wide"'],
      [3, "plain"],
      [4, "two\nlines"],
      [6, "a,b,c"],
    ])
    const rows = csvRows(path, "latency_ms")
    expect(rows.featurizer.names).toEqual(["flops"])
    expect([...rows.dataset.features]).toEqual([1.5, 2, 4])
    expect([...rows.dataset.targets]).toEqual([2.5, 3, 5])
    expect([...rows.keys]).toEqual([0, 1, 3])
    expect(rows.exclusions).toEqual(["1 rows with no latency_ms value"])
  })

  it("names the file, line, column and value of a non-numeric cell, a row with the wrong number of fields and an open quote", () => {
    const target = written("target.csv", "index,flops,latency_ms\n0,1,2\n\n1,2,fast\n")
    expect(() => csvRows(target, "latency_ms")).toThrow(`"${target}" line 4, column "latency_ms": expected a number, got "fast"`)
    const feature = written("feature.csv", 'index,flops,latency_ms\n0,1,2\n1,"1,5",3\n')
    expect(() => csvRows(feature, "latency_ms", { kind: "table", columns: ["flops"] })).toThrow(
      `"${feature}" line 3, column "flops": expected a number, got "1,5"`,
    )
    const count = written("count.csv", "index,flops,latency_ms\n0,1,2\n1,1,5,3\n")
    expect(() => csvRows(count, "latency_ms")).toThrow(
      `"${count}" line 3: expected 3 fields (index, flops, latency_ms), got 4: the extra field "3"`,
    )
    const quote = written("quote.csv", 'index,flops,latency_ms\n0,1,2\n1,"1,3\n')
    expect(() => csvRows(quote, "latency_ms")).toThrow(
      `"${quote}" line 3, column "flops": a quoted field is never closed (its closing quote is missing); the line is "1,\\"1,3"`,
    )
  })
})

describe("the nb201-table evaluator's table", () => {
  const found = lookupSpace("nb201")
  if (!found.ok) throw new Error(found.message)
  const context = (baseDirectory: string) => ({ space: found.entry.space, entry: found.entry, baseDirectory })
  const header = "arch_vec,note,acc_c10_test_200ep,lb_edgetpu_int8_ms,flops_M_c10,params_M_c10"
  const edges = ["edge_1_0", "edge_2_0", "edge_2_1", "edge_3_0", "edge_3_1", "edge_3_2"]
  const cell = (ops: readonly string[]) => Object.fromEntries(edges.map((edge, i) => [edge, ops[i] as string]))

  it("reads a quoted field with a comma and a doubled quote, the cells after it in their columns", async () => {
    const table = written(
      "table.csv",
      `${header}\n421211,"pool, then ""conv""",85.8633,1.02634,15.6474,0.129306\n000000,"none, anywhere",10,,0.1,0.01\n`,
    )
    expect(nb201TableEvaluator.check({ kind: "nb201-table", table }, context("."))).toEqual([])
    const evaluate = await nb201TableEvaluator.create({ kind: "nb201-table", table }, context("."))
    const configuration = cell(["avg_pool_3x3", "nor_conv_1x1", "skip_connect", "nor_conv_1x1", "skip_connect", "skip_connect"])
    expect(await evaluate({ study: "s", number: 0, configuration })).toEqual({
      metrics: { accuracy: 85.8633, coralLatencyMs: 1.02634, mflops: 15.6474, mparams: 0.129306 },
    })
    const disconnected = await evaluate({ study: "s", number: 1, configuration: cell(Array(6).fill("none")) })
    expect(disconnected.metrics).toEqual({ accuracy: 10, coralLatencyMs: null, mflops: 0.1, mparams: 0.01 })
  })

  it("refuses a table with a non-numeric cell or a row with the wrong number of fields, naming file, line, column and value", () => {
    const bad = written("bad.csv", `${header}\n421211,"a,b",85.8,1.0,15.6,0.1\n000000,x,ten,,0.1,0.01\n`)
    expect(() => nb201TableEvaluator.create({ kind: "nb201-table", table: bad }, context("."))).toThrow(
      `NB201 table "${bad}" line 3, column "acc_c10_test_200ep": expected a number, got "ten"`,
    )
    const unquoted = written("unquoted.csv", `${header}\n421211,a,b,85.8,1.0,15.6,0.1\n`)
    expect(() => nb201TableEvaluator.create({ kind: "nb201-table", table: unquoted }, context("."))).toThrow(
      `NB201 table "${unquoted}" line 2: expected 6 fields (${header.replaceAll(",", ", ")}), got 7: the extra field "0.1"`,
    )
  })
})
