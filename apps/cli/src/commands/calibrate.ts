import { gunzipSync } from "node:zlib"
import { type AcceleratorUnit, cpuTemplate, edgeTpuTemplate, isUnitOf } from "@cosearch/accelerator"
import {
  type Agreement,
  adaptFewShot,
  type CalibrationSample,
  type CpuCalibrationSample,
  calibrateCpuWithHoldout,
  calibrateWithHoldout,
  cpuLinearTemplate,
  cpuPrunedNests,
  drawIndices,
  edgeTpuLinearTemplate,
  edgeTpuWorkload,
  type LinearTemplate,
  type Measurement,
  parseMeasurementsCsv,
  templateAgreement,
} from "@cosearch/cost"
import { analyzeNetwork, type Network, toNetwork } from "@cosearch/network"
import { createRandom } from "@cosearch/space"
import { Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect, Option } from "effect"
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
/** The templates `cosearch calibrate` fits. */
const calibratable = ["edgetpu", "cpu"] as const
type Calibratable = (typeof calibratable)[number]
const template = Options.text("template").pipe(
  Options.mapEffect((text) =>
    (calibratable as readonly string[]).includes(text)
      ? Effect.succeed(text as Calibratable)
      : invalid(`--template "${text}" cannot be calibrated; the calibratable templates are ${calibratable.join(" and ")}`),
  ),
  Options.withDefault("edgetpu" as Calibratable),
  Options.withDescription("the template whose constants are fitted (edgetpu or cpu)"),
)
const preset = Options.text("preset").pipe(
  Options.withPseudoName("PRESET|FILE.json"),
  Options.withDescription(
    "the design measured, of the template's kind: a preset (coral, cortex-a53, ...) or a .json file; with --shots, the prior adapted",
  ),
)
const shots = Options.text("shots").pipe(
  Options.withPseudoName("N"),
  Options.mapEffect((text) => (/^\s*-?\d+\s*$/.test(text) ? Effect.succeed(Number(text)) : invalid(`--shots "${text}" is not an integer`))),
  Options.withDescription(
    "few-shot adaptation: draw N train rows at random, adapt --preset (the prior) to them and report agreement on every other row",
  ),
  Options.optional,
)
const seed = Options.text("seed").pipe(Options.withDescription("the seed of the --shots draw (default 1)"), Options.withDefault("1"))
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
    : `${label}: ${a.count} rows, Kendall tau ${a.kendallTau.toFixed(4)}, Spearman ${a.spearman.toFixed(4)}, MAPE ${(a.mape * 100).toFixed(2)} %, within ±10 % ${(a.within10 * 100).toFixed(1)} %`

/** Writes the document to a temporary file and renames it over `out`: a failed run leaves nothing behind. */
const writeDocument = (out: string, document: object) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const temporary = `${out}.${process.pid}.tmp`
    yield* fs.writeFileString(temporary, `${JSON.stringify(document, null, 2)}\n`).pipe(
      Effect.zipRight(fs.rename(temporary, out)),
      Effect.mapError((error) => new CliError({ message: `cannot write --out "${out}": ${error.message}` })),
    )
  })

/**
 * Every measurement's network, prepared by `prepare` for the template's fit and split as the file
 * says; the first network that cannot be built or prepared fails, named by file and line.
 */
const measuredSamples = <Sample>(
  file: string,
  measurements: readonly Measurement[],
  prepare: (
    network: Network,
    latencySeconds: number,
  ) => { readonly ok: true; readonly sample: Sample } | { readonly ok: false; readonly issues: readonly { readonly message: string }[] },
) =>
  Effect.gen(function* () {
    const train: Sample[] = []
    const test: Sample[] = []
    for (const measurement of measurements) {
      const network = yield* loadNetwork(measurement.network, {}).pipe(
        Effect.mapError((error) => new CliError({ message: `${file} line ${measurement.line}: ${error.message}` })),
      )
      const prepared = prepare(toNetwork(network), measurement.latencyMs / 1e3)
      if (!prepared.ok)
        return yield* new CliError({ message: `${file} line ${measurement.line}: ${prepared.issues[0]?.message ?? "invalid network"}` })
      ;(measurement.split === "test" ? test : train).push(prepared.sample)
    }
    return { train, test }
  })

interface Args {
  readonly measurements: string
  readonly preset: string
  readonly out: string
  readonly json: boolean
  readonly shots: Option.Option<number>
  readonly seed: string
}

/** `--shots N` must leave a row to report on and be drawable from the file's train rows. */
const checkShots = (args: Args, measurements: readonly Measurement[]) => {
  const trainRows = measurements.filter((m) => m.split === "train").length
  return Option.isSome(args.shots) && (args.shots.value < 1 || args.shots.value >= measurements.length || args.shots.value > trainRows)
    ? Effect.fail(
        new CliError({
          message: `--shots ${args.shots.value} must be at least 1, at most the ${trainRows} train rows of ${args.measurements}, and leave a row to report on (${measurements.length} rows)`,
        }),
      )
    : Effect.succeed(trainRows)
}

/**
 * `--shots N` through a linear template: N train rows drawn at random (seeded by `--seed`)
 * adapt the preset (the prior, `adaptFewShot`); every other row of the file reports.
 */
const adaptDesign = <Accelerator extends { readonly name: string }, Sample extends { readonly latencySeconds: number }>(
  args: Args,
  shots: number,
  template: LinearTemplate<Accelerator, Sample>,
  prior: Accelerator,
  samples: { readonly train: readonly Sample[]; readonly test: readonly Sample[] },
) =>
  Effect.gen(function* () {
    const { train, test } = samples
    const chosen = drawIndices(train.length, shots, createRandom(args.seed))
    const drawn = train.filter((_, i) => chosen.has(i))
    const rest = [...train.filter((_, i) => !chosen.has(i)), ...test]
    const adaptation = yield* Effect.try({
      try: () => adaptFewShot(template, drawn, prior),
      catch: (error) => new CliError({ message: `--preset "${args.preset}": ${(error as Error).message}` }),
    })
    const others = templateAgreement(template, rest, adaptation.accelerator)
    yield* writeDocument(args.out, {
      ...adaptation.accelerator,
      name: `${prior.name}-calibrated`,
      calibration: {
        measurements: args.measurements,
        prior: prior.name,
        shots,
        seed: args.seed,
        scale: adaptation.scale,
        train: adaptation.shots,
        test: others,
      },
    })
    if (args.json) {
      yield* Console.log(
        JSON.stringify({
          out: args.out,
          accelerator: adaptation.accelerator,
          scale: adaptation.scale,
          shots: adaptation.shots,
          test: others,
        }),
      )
      return
    }
    yield* Console.log(
      [
        `adapted ${prior.name} to ${shots} measurements drawn from ${train.length} train rows (seed ${args.seed}, prior scaled by ${adaptation.scale.toPrecision(4)}); wrote ${args.out}`,
        agreementLine("shots", adaptation.shots),
        agreementLine("other", others),
      ].join("\n"),
    )
  })

/**
 * `--template edgetpu`: every train row fits the Edge TPU constants and test rows report; with
 * `--shots N`, N train rows adapt the preset (`adaptDesign`).
 */
const calibrateEdgeTpuDesign = (args: Args, target: AcceleratorUnit, measurements: readonly Measurement[]) =>
  Effect.gen(function* () {
    if (!isUnitOf(edgeTpuTemplate, target))
      return yield* new CliError({
        message: `--preset "${args.preset}" is a ${target.kind} accelerator; calibration needs an edgetpu design`,
      })
    yield* checkShots(args, measurements)
    const { train, test } = yield* measuredSamples(args.measurements, measurements, (network, latencySeconds) => {
      const prepared = edgeTpuWorkload(network)
      return prepared.ok ? { ok: true, sample: { workload: prepared.workload, latencySeconds } as CalibrationSample } : prepared
    })
    if (Option.isSome(args.shots))
      return yield* adaptDesign(args, args.shots.value, edgeTpuLinearTemplate, target.accelerator, { train, test })
    const report = calibrateWithHoldout({ train, test }, target.accelerator)
    const name = `${target.accelerator.name}-calibrated`
    yield* writeDocument(args.out, {
      ...report.accelerator,
      name,
      calibration: { measurements: args.measurements, fitted: report.fitted, train: report.train, test: report.test },
    })
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
  })

/**
 * `--template cpu`: without `--shots`, every train row fits the CPU constants and test rows
 * report; with `--shots N`, N train rows drawn at random (seeded) adapt the preset (the prior)
 * and every other row reports.
 */
const calibrateCpuDesign = (args: Args, target: AcceleratorUnit, measurements: readonly Measurement[]) =>
  Effect.gen(function* () {
    if (!isUnitOf(cpuTemplate, target))
      return yield* new CliError({
        message: `--preset "${args.preset}" is a ${target.kind} accelerator; --template cpu needs a cpu design (cortex-a53, cortex-a53-sd450 or a cpu .json file)`,
      })
    yield* checkShots(args, measurements)
    const { train, test } = yield* measuredSamples(args.measurements, measurements, (network, latencySeconds) => {
      const analyzed = analyzeNetwork(network)
      return analyzed.ok
        ? { ok: true, sample: { nests: cpuPrunedNests(analyzed.network), latencySeconds } as CpuCalibrationSample }
        : analyzed
    })
    const name = `${target.accelerator.name}-calibrated`
    if (Option.isNone(args.shots)) {
      const report = calibrateCpuWithHoldout({ train, test }, target.accelerator)
      yield* writeDocument(args.out, {
        ...report.accelerator,
        name,
        calibration: { measurements: args.measurements, fitted: report.fitted, train: report.train, test: report.test },
      })
      const { accelerator } = report
      if (args.json) {
        yield* Console.log(JSON.stringify({ out: args.out, accelerator, fitted: report.fitted, train: report.train, test: report.test }))
        return
      }
      yield* Console.log(
        [
          `calibrated ${target.accelerator.name} on ${train.length} measurements (${report.iterations} round(s) of fitting); wrote ${args.out}`,
          agreementLine("train", report.train),
          agreementLine("test ", report.test),
          `inference overhead ${(accelerator.inferenceOverheadSeconds * 1e6).toFixed(1)} us, layer overhead ${(accelerator.layerOverheadSeconds * 1e6).toFixed(2)} us`,
          ...Object.entries(accelerator.efficiency).map(
            ([layerClass, value]) => `${layerClass.padEnd(9)} efficiency ${value.toPrecision(4)}`,
          ),
        ].join("\n"),
      )
      return
    }
    return yield* adaptDesign(args, args.shots.value, cpuLinearTemplate, target.accelerator, { train, test })
  })

/**
 * `cosearch calibrate`: fits a template's free constants to measured latencies (Edge TPU or CPU)
 * or, with `--shots N`, adapts the preset to a new device from N measured networks through the
 * template (few-shot adaptation), and writes the
 * calibrated accelerator, usable as `--accelerator FILE.json`. The file is written only when every
 * measurement was read and every network built.
 */
export const calibrateCommand = Command.make(
  "calibrate",
  { measurements: measurementsOption, template, preset, out, json, shots, seed },
  (args) =>
    Effect.gen(function* () {
      const target = yield* loadAccelerator(args.preset)
      if (!args.out.endsWith(".json")) return yield* new CliError({ message: `--out "${args.out}" must name a .json file` })
      yield* checkOutputPath(args.out)
      const measurements = yield* readMeasurements(args.measurements)
      if (args.template === "cpu") return yield* calibrateCpuDesign(args, target, measurements)
      return yield* calibrateEdgeTpuDesign(args, target, measurements)
    }),
).pipe(
  Command.withDescription("Fit a template's constants (Edge TPU or CPU) to measured latencies, or adapt a design from a few (--shots)."),
)
