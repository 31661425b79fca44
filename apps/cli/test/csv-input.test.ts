import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { csvRows, readCsv } from "@cosearch/engine"
import { buildZooNetwork, encodeNetworkJson } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { freshFolder, readStudy, writeExperiment } from "./study-kit.js"

/** Values that a CSV must quote: a comma, a doubled quote, both. */
const layouts = ["a,b", 'say "hi"', 'plain, "both"']

describe("CSV files with quoted fields through the CLI", () => {
  it("reads `cosearch export --format csv` of a study whose parameter values hold commas and quotes back through `surrogate train`", async () => {
    const folder = freshFolder()
    const module = join(folder, "layout-score.mjs")
    writeFileSync(module, "export default ({ configuration: c }) => ({ score: c.width * 2 + c.layout.length, cost: c.width })\n")
    const experiment = writeExperiment(folder, {
      name: "quoted",
      space: {
        name: "quoted",
        parameters: [
          { name: "layout", kind: "categorical", values: layouts },
          { name: "width", kind: "integer", low: 1, high: 64 },
        ],
      },
      evaluator: { kind: "module", module },
      optimizer: { name: "random" },
      budget: { trials: 30 },
    })
    const db = join(folder, "runs.db")
    expect((await runInProcess(["run", experiment, "--db", db])).code).toBe(0)
    const exported = await runInProcess(["export", "quoted", "--db", db, "--format", "csv"])
    expect(exported.code).toBe(0)
    const data = join(folder, "trials.csv")
    writeFileSync(data, `${exported.stdout}\n`)

    const { trials } = await readStudy(db, "quoted")
    const { header, rows } = readCsv(data)
    expect(header.slice(0, 5)).toEqual(["number", "state", "origin", "param.layout", "param.width"])
    expect(rows.map((row) => row.fields[3])).toEqual(trials.map((trial) => trial.params.layout))
    expect(new Set(rows.map((row) => row.fields[3]))).toEqual(new Set(layouts))
    const labeled = csvRows(data, "metric.score", { kind: "table", columns: ["param.width"] })
    expect([...labeled.dataset.targets]).toEqual(trials.map((trial) => trial.metrics?.score))
    expect([...labeled.dataset.features]).toEqual(trials.map((trial) => trial.params.width))

    const model = join(folder, "model.json")
    const train = await runInProcess([
      "surrogate",
      "train",
      "--data",
      data,
      "--target",
      "metric.score",
      "--features",
      "param.width",
      "--out",
      model,
    ])
    expect(train.stderr).toBe("")
    expect(train.code).toBe(0)
    expect(train.stdout).toContain(`of 30 rows of CSV ${data}, target metric.score`)
    expect(existsSync(model)).toBe(true)
  })

  it("names the file, line, column and value of a bad cell, a row with the wrong number of fields and an open quote in `surrogate train`, exit 1", async () => {
    const folder = freshFolder()
    const out = join(folder, "model.json")
    const train = (name: string, text: string, ...extra: string[]) => {
      const data = join(folder, name)
      writeFileSync(data, text)
      return runInProcess(["surrogate", "train", "--data", data, "--target", "latency_ms", "--out", out, ...extra]).then((run) => ({
        ...run,
        data,
      }))
    }
    const rows = Array.from({ length: 12 }, (_, i) => `${i},"n,${i}",${i + 1},${2 * i + 1}`).join("\n")
    const target = await train("target.csv", `index,name,flops,latency_ms\n${rows}\n12,x,3,fast\n`)
    expect(target).toMatchObject({
      code: 1,
      stderr: `cosearch: "${target.data}" line 14, column "latency_ms": expected a number, got "fast"`,
    })
    const feature = await train("feature.csv", `index,name,flops,latency_ms\n${rows}\n12,x,"3,5",7\n`, "--features", "flops")
    expect(feature).toMatchObject({ code: 1, stderr: `cosearch: "${feature.data}" line 14, column "flops": expected a number, got "3,5"` })
    const count = await train("count.csv", `index,name,flops,latency_ms\n${rows}\n12,n,12,3,7\n`)
    expect(count).toMatchObject({
      code: 1,
      stderr: `cosearch: "${count.data}" line 14: expected 4 fields (index, name, flops, latency_ms), got 5: the extra field "7"`,
    })
    const quote = await train("quote.csv", `index,name,flops,latency_ms\n${rows}\n12,"n,12,3,7\n`)
    expect(quote).toMatchObject({
      code: 1,
      stderr: `cosearch: "${quote.data}" line 14, column "name": a quoted field is never closed (its closing quote is missing); the line is "12,\\"n,12,3,7"`,
    })
    expect(existsSync(out)).toBe(false)
  })
})

describe("cosearch calibrate with quoted fields", () => {
  const coralRows = gunzipSync(readFileSync(new URL("../../../packages/cost/data/coral/nb201-coral.csv.gz", import.meta.url)))
    .toString("utf8")
    .trim()
    .split("\n")
  const calibrate = (measurements: string, out: string) =>
    runInProcess(["calibrate", "--measurements", measurements, "--preset", "coral", "--out", out, "--json"])

  it("reads a network file whose path holds a comma and a quote, quoted, as the same network", async () => {
    const folder = freshFolder()
    mkdirSync(join(folder, "nets"))
    const built = buildZooNetwork("nb201:333333")
    if (!built.ok) throw new Error(built.message)
    const file = join(folder, "nets", 'cell,"3".json')
    writeFileSync(file, JSON.stringify(encodeNetworkJson(built.network)))
    const rows = coralRows.slice(1, 40)
    const plain = join(folder, "plain.csv")
    writeFileSync(plain, `${[coralRows[0], ...rows, "nb201:333333,1.5,train"].join("\n")}\n`)
    const quoted = join(folder, "quoted.csv")
    writeFileSync(quoted, `${[coralRows[0], ...rows, `"${file.replaceAll('"', '""')}",1.5,train`].join("\n")}\n`)
    const fromPlain = await calibrate(plain, join(folder, "plain.json"))
    const fromQuoted = await calibrate(quoted, join(folder, "quoted.json"))
    expect(fromQuoted.stderr).toBe("")
    expect(fromQuoted.code).toBe(0)
    const report = JSON.parse(fromQuoted.stdout)
    expect(report.train.count + report.test.count).toBe(40)
    expect(report.constants).toEqual(JSON.parse(fromPlain.stdout).constants)
  })

  it("names the file and line of a row with the wrong number of fields and of an open quote, exit 1, nothing written", async () => {
    const folder = freshFolder()
    const out = join(folder, "never.json")
    const count = join(folder, "count.csv")
    writeFileSync(count, "network,latency_ms,split\nnb201:333333,1.2,train\nnb201:111111,1,5,train\n")
    const wrong = await calibrate(count, out)
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain(`measurements file "${count}" is invalid:`)
    expect(wrong.stderr).toContain('line 3: expected 3 fields (network, latency_ms, split), got 4: the extra field "train"')
    const quote = join(folder, "quote.csv")
    writeFileSync(quote, 'network,latency_ms\nnb201:333333,1.2\n"nb201:111111,1.5\n')
    const open = await calibrate(quote, out)
    expect(open.code).toBe(1)
    expect(open.stderr).toContain(`measurements file "${quote}" is invalid:`)
    expect(open.stderr).toContain('line 3, column "network": a quoted field is never closed')
    const cell = join(folder, "cell.csv")
    writeFileSync(cell, 'network,latency_ms\nnb201:333333,1.2\n"nb201:111111","1,5"\n')
    const bad = await calibrate(cell, out)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('line 3: latency_ms "1,5" must be a positive number of milliseconds')
    expect(existsSync(out)).toBe(false)
  })
})
