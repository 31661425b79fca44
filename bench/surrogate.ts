/**
 * Learned cost models (`@cosearch/surrogate`), measured against the issue's acceptance figures:
 *
 * 1. Coral: a gradient-boosted surrogate of `lb_edgetpu_int8_ms` (NB201 cells on a Coral Edge
 *    TPU, BRP-NAS LatBench; packages/cost/data/coral/nb201-coral.csv.gz) trained on
 *    index % 5 != 0, tested on index % 5 == 0, from the network featurizer alone.
 * 2. The analytical Edge TPU model over the `edgetpu-joint` space: `--designs` feasible designs
 *    (`sampleEdgeTpuJoint`, seed 1: networks each paired with 25 knob settings, infeasible designs
 *    left out and counted), split 80/20 by row (row % 5 == 0 is the test set), one surrogate for
 *    latency and one for energy per model.
 * 3. Throughput on one core (this single-threaded process): predictions per CPU second of the
 *    joint latency surrogate from ready feature vectors (`predictMany`), and with featurization
 *    included (build, analyze and featurize the network, encode the knobs: `edgeTpuJointFeatures`).
 *    CPU seconds are this process's user + system time, so the rate is per core even when other
 *    work shares the machine; the per-wall-clock-second rates are printed too.
 *
 * Flags: `--designs N` (default 100000), `--models a,b` (joint models, default gbt; of gbt, rf,
 * mlp, gp), `--seconds S` (timing window, default 1). Ends stdout with one JSON line:
 * `{"predictionsPerSec" (per CPU second), "predictionsPerWallSec", "predictionsPerSecWithFeaturization", "coralKendallTau", "coralMape",
 * "jointLatencyKendallTau", "jointLatencyMape", "jointEnergyKendallTau", "jointEnergyMape", ...,
 * "models": {<model>: {...}}}`; the top-level joint figures are the first model's.
 *
 * @example
 * // pnpm -s bench surrogate --designs 20000
 */
import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { sampleMany } from "@cosearch/space"
import {
  type Agreement,
  agreementOf,
  type Dataset,
  edgeTpuJointFeatureNames,
  edgeTpuJointFeatures,
  edgeTpuJointSpace,
  type ModelKind,
  measurementDatasets,
  modelKinds,
  type Surrogate,
  sampleEdgeTpuJoint,
  subsetOf,
  trainSurrogate,
} from "@cosearch/surrogate"

interface Settings {
  readonly designs: number
  readonly models: readonly ModelKind[]
  readonly seconds: number
}

const usage = `flags: --designs N (>= 100), --models a,b (of ${modelKinds.join(", ")}), --seconds S (> 0)`

const parseSettings = (args: readonly string[]): Settings => {
  let designs = 100_000
  let models: ModelKind[] = ["gbt"]
  let seconds = 1
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i]
    const value = args[i + 1] ?? ""
    if (flag === "--designs" && Number.isInteger(Number(value)) && Number(value) >= 100) designs = Number(value)
    else if (flag === "--models" && value.split(",").every((name) => (modelKinds as readonly string[]).includes(name)))
      models = value.split(",") as ModelKind[]
    else if (flag === "--seconds" && Number(value) > 0) seconds = Number(value)
    else throw new Error(`unknown flag or bad value at "${args.slice(i, i + 2).join(" ")}"; ${usage}`)
  }
  return { designs, models, seconds }
}

const secondsSince = (start: number): number => (performance.now() - start) / 1000
const round = (value: number, digits = 4): number => Number(value.toFixed(digits))
const describe = (agreement: Agreement): string =>
  `Kendall tau ${agreement.kendallTau.toFixed(4)}, Spearman ${agreement.spearman.toFixed(4)}, MAPE ${agreement.mape.toFixed(2)} % (${agreement.rows} rows)`

/** Trains on `train`, reports agreement on `test`. */
const fitAndTest = (train: Dataset, test: Dataset, target: string, model: ModelKind) => {
  const start = performance.now()
  const { surrogate, epochs } = trainSurrogate(train, target, { model, seed: 1 })
  const trainSeconds = secondsSince(start)
  const agreement = agreementOf(test.targets, surrogate.predictMany(test.features, test.rows))
  console.log(
    `  ${model} ${target}: ${describe(agreement)}; trained in ${trainSeconds.toFixed(1)} s${epochs === undefined ? "" : `, ${epochs} rounds/epochs`}`,
  )
  return { surrogate, agreement, trainSeconds }
}

const coral = () => {
  const start = performance.now()
  const text = gunzipSync(readFileSync(new URL("../packages/cost/data/coral/nb201-coral.csv.gz", import.meta.url))).toString("utf8")
  const { train, test } = measurementDatasets(text)
  if (test === undefined) throw new Error("nb201-coral.csv.gz has no test rows")
  console.log(`coral NB201: ${train.rows} train / ${test.rows} test cells featurized in ${secondsSince(start).toFixed(1)} s`)
  return fitAndTest(train, test, "lb_edgetpu_int8_ms", "gbt").agreement
}

/** This process's CPU seconds (user + system) since `start` (a `process.cpuUsage()`). */
const cpuSecondsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

/** A rate per wall-clock second and per CPU second of this (single-threaded) process: per core. */
interface Rate {
  readonly wall: number
  readonly cpu: number
}

/** Predictions per second over the rows of `data` (`predictMany`), repeated for at least `seconds`. */
const predictionRate = (surrogate: Surrogate, data: Dataset, seconds: number): Rate => {
  const out = new Float64Array(data.rows)
  surrogate.predictMany(data.features, data.rows, out)
  let predictions = 0
  const start = performance.now()
  const cpu = process.cpuUsage()
  while (secondsSince(start) < seconds) {
    surrogate.predictMany(data.features, data.rows, out)
    predictions += data.rows
  }
  return { wall: predictions / secondsSince(start), cpu: predictions / cpuSecondsSince(cpu) }
}

/** Featurize-and-predict per second for fresh joint configurations, one at a time. */
const featurizedRate = (surrogate: Surrogate, seconds: number): Rate => {
  const configurations = sampleMany(edgeTpuJointSpace, 2000, "bench-featurize")
  const row = new Float64Array(edgeTpuJointFeatureNames.length)
  let predictions = 0
  let sink = 0
  const start = performance.now()
  const cpu = process.cpuUsage()
  while (secondsSince(start) < seconds && predictions < configurations.length) {
    sink += surrogate.predict(edgeTpuJointFeatures(configurations[predictions] ?? {}, row))
    predictions++
  }
  if (!Number.isFinite(sink)) throw new Error("a featurized prediction was not finite")
  return { wall: predictions / secondsSince(start), cpu: predictions / cpuSecondsSince(cpu) }
}

const formatRate = (rate: Rate): string =>
  `${Math.round(rate.cpu).toLocaleString("en")} per CPU second (${Math.round(rate.wall).toLocaleString("en")} per wall-clock second)`

/**
 * Runs the benchmark (see the file comment for flags and output).
 *
 * @example
 * await main(["--designs", "20000"])
 */
export const main = (args: string[]): void => {
  const settings = parseSettings(args)
  console.log("surrogate bench: measured on a shared machine; throughput is per core (one thread)")
  const coralAgreement = coral()

  const start = performance.now()
  const samples = sampleEdgeTpuJoint({ designs: settings.designs, seed: 1 })
  console.log(
    `edgetpu-joint: ${settings.designs} feasible designs from ${samples.networks} networks (${samples.infeasible} infeasible left out) ` +
      `sampled and costed in ${secondsSince(start).toFixed(1)} s; ${edgeTpuJointFeatureNames.length} features`,
  )
  const trainRows: number[] = []
  const testRows: number[] = []
  for (let i = 0; i < settings.designs; i++) (i % 5 === 0 ? testRows : trainRows).push(i)
  const models: Record<string, Record<string, number>> = {}
  let first: { latency: Agreement; energy: Agreement; surrogate: Surrogate; test: Dataset } | undefined
  for (const model of settings.models) {
    const latencyTest = subsetOf(samples.latencyMs, testRows)
    const latency = fitAndTest(subsetOf(samples.latencyMs, trainRows), latencyTest, "latencyMs", model)
    const energy = fitAndTest(subsetOf(samples.energyMj, trainRows), subsetOf(samples.energyMj, testRows), "energyMj", model)
    const rate = predictionRate(latency.surrogate, latencyTest, settings.seconds)
    console.log(`  ${model}: ${formatRate(rate)} predictions from feature vectors`)
    models[model] = {
      latencyKendallTau: round(latency.agreement.kendallTau),
      latencyMape: round(latency.agreement.mape, 2),
      energyKendallTau: round(energy.agreement.kendallTau),
      energyMape: round(energy.agreement.mape, 2),
      latencyTrainSeconds: round(latency.trainSeconds, 1),
      energyTrainSeconds: round(energy.trainSeconds, 1),
      predictionsPerSec: Math.round(rate.cpu),
      predictionsPerWallSec: Math.round(rate.wall),
    }
    first ??= { latency: latency.agreement, energy: energy.agreement, surrogate: latency.surrogate, test: latencyTest }
  }
  if (first === undefined) throw new Error("no model to run")
  const rate = predictionRate(first.surrogate, first.test, settings.seconds)
  const withFeaturization = featurizedRate(first.surrogate, settings.seconds)
  console.log(`throughput (${settings.models[0]}, one core): ${formatRate(rate)} predictions from feature vectors;`)
  console.log(`  ${formatRate(withFeaturization)} with featurization included (building and analyzing each network dominates)`)
  console.log(
    JSON.stringify({
      predictionsPerSec: Math.round(rate.cpu),
      predictionsPerWallSec: Math.round(rate.wall),
      predictionsPerSecWithFeaturization: Math.round(withFeaturization.cpu),
      predictionsPerWallSecWithFeaturization: Math.round(withFeaturization.wall),
      coralKendallTau: round(coralAgreement.kendallTau),
      coralMape: round(coralAgreement.mape, 2),
      jointLatencyKendallTau: round(first.latency.kendallTau),
      jointLatencyMape: round(first.latency.mape, 2),
      jointEnergyKendallTau: round(first.energy.kendallTau),
      jointEnergyMape: round(first.energy.mape, 2),
      designs: settings.designs,
      networks: samples.networks,
      infeasible: samples.infeasible,
      models,
    }),
  )
}
