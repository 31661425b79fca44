import { gunzipSync } from "node:zlib"
import { edgeTpuTemplate, isUnitOf } from "@cosearch/accelerator"
import { type Agreement, type CalibrationSample, calibrateWithHoldout, edgeTpuWorkload, parseMeasurementsCsv } from "@cosearch/cost"
import { toNetwork } from "@cosearch/network"
import { Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect } from "effect"
import { CliError } from "../cli/cli-error.js"
import { invalid } from "../cli/options.js"
import { checkOutputPath } from "../cli/output-path.js"
import { loadAccelerator } from "../input/accelerator-input.js"
import { readInputFile } from "../input/input-file.js"
import { loadNetwork } from "../input/network-input.js"

const measurementsOption = Options.text("measurements").pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription("a CSV (or .csv.gz) with columns network, latency_ms and optionally split (train|test)"),
)
const template = Options.text("template").pipe(
  Options.mapEffect((text) =>
    text === "edgetpu" ? Effect.succeed(text) : invalid(`--template "${text}" cannot be calibrated; the calibratable template is edgetpu`),
  ),
  Options.withDefault("edgetpu"),
  Options.withDescription("the template whose constants are fitted (edgetpu)"),
)
const preset = Options.text("preset").pipe(
  Options.withPseudoName("PRESET|FILE.json"),
  Options.withDescription("the Edge TPU design measured: a preset (coral, edgetpu-v1, ...) or an edgetpu .json file"),
)
const out = Options.text("out").pipe(
  Options.withPseudoName("FILE.json"),
  Options.withDescription("where to write the calibrated accelerator"),
)
const json = Options.boolean("json").pipe(Options.withDescription("print the report as one JSON line"))

const readMeasurements = (path: string) =>
  Effect.gen(function* () {
    const bytes = yield* readInputFile("measurements", path)
    const text = yield* Effect.try({
      try: () => (path.endsWith(".gz") ? gunzipSync(bytes) : Buffer.from(bytes)).toString("utf8"),
      catch: (error) => new CliError({ message: `measurements file "${path}" is not valid gzip: ${(error as Error).message}` }),
    })
    const parsed = parseMeasurementsCsv(text)
    if (!parsed.ok)
      return yield* new CliError({
        message: `measurements file "${path}" is invalid:\n${parsed.errors
          .slice(0, 20)
          .map((error) => `  ${error}`)
          .join("\n")}${parsed.errors.length > 20 ? `\n  ... and ${parsed.errors.length - 20} more` : ""}`,
      })
    return parsed.measurements
  })

const agreementLine = (label: string, a: Agreement): string =>
  a.count === 0
    ? `${label}: no rows`
    : `${label}: ${a.count} rows, Kendall tau ${a.kendallTau.toFixed(4)}, Spearman ${a.spearman.toFixed(4)}, MAPE ${(a.mape * 100).toFixed(2)} %`

/**
 * `cosearch calibrate`: fits the Edge TPU template's free constants to measured latencies and
 * writes the calibrated accelerator, usable as `--accelerator FILE.json`. The file is written only
 * when every measurement was read and every network built.
 */
export const calibrateCommand = Command.make("calibrate", { measurements: measurementsOption, template, preset, out, json }, (args) =>
  Effect.gen(function* () {
    const target = yield* loadAccelerator(args.preset)
    if (!isUnitOf(edgeTpuTemplate, target))
      return yield* new CliError({
        message: `--preset "${args.preset}" is a ${target.kind} accelerator; calibration needs an edgetpu design`,
      })
    if (!args.out.endsWith(".json")) return yield* new CliError({ message: `--out "${args.out}" must name a .json file` })
    yield* checkOutputPath(args.out)
    const measurements = yield* readMeasurements(args.measurements)
    const train: CalibrationSample[] = []
    const test: CalibrationSample[] = []
    for (const measurement of measurements) {
      const network = yield* loadNetwork(measurement.network, {}).pipe(
        Effect.mapError((error) => new CliError({ message: `${args.measurements} line ${measurement.line}: ${error.message}` })),
      )
      const prepared = edgeTpuWorkload(toNetwork(network))
      if (!prepared.ok)
        return yield* new CliError({
          message: `${args.measurements} line ${measurement.line}: ${prepared.issues[0]?.message ?? "invalid network"}`,
        })
      ;(measurement.split === "test" ? test : train).push({ workload: prepared.workload, latencySeconds: measurement.latencyMs / 1e3 })
    }
    const report = calibrateWithHoldout({ train, test }, target.accelerator)
    const name = `${target.accelerator.name}-calibrated`
    const document = {
      ...report.accelerator,
      name,
      calibration: { measurements: args.measurements, fitted: report.fitted, train: report.train, test: report.test },
    }
    const fs = yield* FileSystem.FileSystem
    const temporary = `${args.out}.${process.pid}.tmp`
    yield* fs.writeFileString(temporary, `${JSON.stringify(document, null, 2)}\n`).pipe(
      Effect.zipRight(fs.rename(temporary, args.out)),
      Effect.mapError((error) => new CliError({ message: `cannot write --out "${args.out}": ${error.message}` })),
    )
    if (args.json) {
      yield* Console.log(
        JSON.stringify({
          out: args.out,
          constants: report.accelerator.constants,
          fitted: report.fitted,
          train: report.train,
          test: report.test,
        }),
      )
      return
    }
    const { constants } = report.accelerator
    yield* Console.log(
      [
        `calibrated ${target.accelerator.name} on ${train.length} measurements (${report.iterations} round(s) of fitting); wrote ${args.out}`,
        agreementLine("train", report.train),
        agreementLine("test ", report.test),
        `inference overhead ${(constants.inferenceOverheadSeconds * 1e6).toFixed(1)} us`,
        ...Object.keys(constants.efficiency).map(
          (layerClass) =>
            `${layerClass.padEnd(9)} overhead ${constants.layerOverheadCycles[layerClass as keyof typeof constants.efficiency].toFixed(1)} cycles, efficiency ${constants.efficiency[layerClass as keyof typeof constants.efficiency].toPrecision(4)}`,
        ),
      ].join("\n"),
    )
  }),
).pipe(Command.withDescription("Fit the Edge TPU template's constants to measured latencies."))
