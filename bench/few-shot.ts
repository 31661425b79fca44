/**
 * Few-shot device adaptation on NAS-Bench-201 (docs/calibration.md): the CPU template calibrated
 * on one device is adapted to the other from `--shots` measured networks (`adaptCpuFewShot`),
 * `--draws` seeded draws per ridge weight, for the Cortex-A53 (prior: the template calibrated on
 * Coral's train rows; agreement on the A53 rows not drawn) and for Coral (prior: the template
 * calibrated on the A53's train rows; shots from Coral's train rows, agreement on its held-out
 * rows, index % 5 == 0). Chooses the ridge weight with the best mean Spearman over both devices
 * (the meta-learned `defaultFewShotRidge`). Also prints the calibrations themselves (both from
 * the uncalibrated Snapdragon 450 description, data/cortex-a53/sd450.json): the A53's validation
 * split (index % 5 == 1) and Coral's held-out rows under the CPU template.
 *
 * Then the Edge TPU route (`edgeTpuLinearTemplate`): Coral adapted from the uncalibrated Edge TPU
 * template (the Coral's knobs and clock, `defaultEdgeTpuConstants`), per ridge in
 * `--edgetpu-ridges`, scored on Coral's train rows not drawn (the choice of
 * `defaultEdgeTpuFewShotRidge`; the held-out rows stay out of it), and at that default on Coral's
 * held-out rows.
 *
 * Flags: `--shots N` (default 10), `--draws N` (default 10), `--seed S` (default 1),
 * `--ridges a,b` (default 0,0.001,0.01,0.1,1), `--edgetpu-ridges a,b` (default
 * 0,0.00001,0.0001,0.0003,0.001). Data: packages/cost/data/{cortex-a53,coral}.
 * Ends stdout with one JSON line: `{"a53": {...}, "coral": {...}, "fewShot": {"<ridge>": {"a53": mean, "coral": mean}}, "bestRidge": r, "edgeTpu": {"<ridge>": mean, "heldOut": mean}}`.
 *
 * @example
 * // pnpm -s bench few-shot --draws 3 --ridges 0.01,1
 */
import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { type CpuAccelerator, defaultEdgeTpuConstants, edgeTpuPresets } from "@cosearch/accelerator"
import {
  type CalibrationSample,
  calibrateCpuWithHoldout,
  cpuSamplesFromCsv,
  edgeTpuLinearTemplate,
  edgeTpuWorkload,
  evaluateCpuFewShot,
  evaluateFewShot,
  parseMeasurementsCsv,
} from "@cosearch/cost"
import { buildZooNetwork, type LoopNest } from "@cosearch/network"
import { createRandom } from "@cosearch/space"

const flag = (args: readonly string[], name: string, fallback: string): string => {
  const at = args.indexOf(`--${name}`)
  return at < 0 ? fallback : (args[at + 1] ?? fallback)
}

const read = (path: string, cache: Map<string, readonly LoopNest[]>) => {
  const samples = cpuSamplesFromCsv(gunzipSync(readFileSync(new URL(path, import.meta.url))).toString("utf8"), cache)
  if (!samples.ok) throw new Error(samples.errors.join("\n"))
  return samples
}

/** Coral's measurements as Edge TPU samples, split as the file says. */
const readEdgeTpu = (path: string) => {
  const parsed = parseMeasurementsCsv(gunzipSync(readFileSync(new URL(path, import.meta.url))).toString("utf8"))
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"))
  const train: CalibrationSample[] = []
  const test: CalibrationSample[] = []
  for (const m of parsed.measurements) {
    const built = buildZooNetwork(m.network)
    const prepared = built.ok ? edgeTpuWorkload(built.network) : undefined
    if (prepared === undefined || !prepared.ok) throw new Error(`line ${m.line}: network "${m.network}" cannot be prepared`)
    ;(m.split === "test" ? test : train).push({ workload: prepared.workload, latencySeconds: m.latencyMs / 1e3 })
  }
  return { train, test }
}

export const main = (args: string[]): void => {
  const shots = Number(flag(args, "shots", "10"))
  const draws = Number(flag(args, "draws", "10"))
  const seed = flag(args, "seed", "1")
  const ridges = flag(args, "ridges", "0,0.001,0.01,0.1,1").split(",").map(Number)
  const edgeTpuRidges = flag(args, "edgetpu-ridges", "0,0.00001,0.0001,0.0003,0.001").split(",").map(Number)
  if (
    !Number.isInteger(shots) ||
    shots < 1 ||
    !Number.isInteger(draws) ||
    draws < 1 ||
    ridges.some((r) => !(r >= 0)) ||
    edgeTpuRidges.some((r) => !(r >= 0))
  )
    throw new Error("flags: --shots N (>= 1), --draws N (>= 1), --seed S, --ridges a,b and --edgetpu-ridges a,b (each >= 0)")
  const cache = new Map<string, readonly LoopNest[]>()
  const a53 = read("../packages/cost/data/cortex-a53/nb201-a53.csv.gz", cache)
  const coral = read("../packages/cost/data/coral/nb201-coral.csv.gz", cache)
  // The uncalibrated hardware description the A53 fit starts from (its README).
  const base: CpuAccelerator = JSON.parse(readFileSync(new URL("../packages/cost/data/cortex-a53/sd450.json", import.meta.url), "utf8"))
  const onA53 = calibrateCpuWithHoldout(a53, base)
  const onCoral = calibrateCpuWithHoldout(coral, { ...base, name: "coral-as-cpu" })
  console.log(`A53 validation (cpu template): ${JSON.stringify(onA53.test)}`)
  console.log(`Coral held out (cpu template): ${JSON.stringify(onCoral.test)}`)
  const a53All = [...a53.train, ...a53.test]
  const fewShot: Record<string, { a53: object; coral: object }> = {}
  let bestRidge = Number.NaN
  let best = -Infinity
  for (const ridge of ridges) {
    const onA53Shots = evaluateCpuFewShot(a53All, onCoral.accelerator, { shots, draws, ridge, random: createRandom(`${seed}-a53`) })
    const onCoralShots = evaluateCpuFewShot(coral.train, onA53.accelerator, {
      shots,
      draws,
      ridge,
      random: createRandom(`${seed}-coral`),
      test: coral.test,
    })
    fewShot[String(ridge)] = { a53: onA53Shots.mean, coral: onCoralShots.mean }
    console.log(`ridge ${ridge}: A53 ${JSON.stringify(onA53Shots.mean)}, Coral ${JSON.stringify(onCoralShots.mean)}`)
    const score = (onA53Shots.mean.spearman + onCoralShots.mean.spearman) / 2
    if (score > best) {
      best = score
      bestRidge = ridge
    }
  }
  const coralOnEdgeTpu = readEdgeTpu("../packages/cost/data/coral/nb201-coral.csv.gz")
  const uncalibrated = { ...edgeTpuPresets.coral, constants: defaultEdgeTpuConstants }
  const edgeTpu: Record<string, object> = {}
  for (const ridge of edgeTpuRidges) {
    const { mean } = evaluateFewShot(edgeTpuLinearTemplate, coralOnEdgeTpu.train, uncalibrated, {
      shots,
      draws,
      ridge,
      random: createRandom(`${seed}-edgetpu`),
    })
    edgeTpu[String(ridge)] = mean
    console.log(`Edge TPU template, ridge ${ridge}: Coral train rows not drawn ${JSON.stringify(mean)}`)
  }
  edgeTpu.heldOut = evaluateFewShot(edgeTpuLinearTemplate, coralOnEdgeTpu.train, uncalibrated, {
    shots,
    draws,
    random: createRandom(`${seed}-edgetpu`),
    test: coralOnEdgeTpu.test,
  }).mean
  console.log(`Edge TPU template, default ridge: Coral held out ${JSON.stringify(edgeTpu.heldOut)}`)
  console.log(JSON.stringify({ shots, draws, seed, a53: onA53.test, coral: onCoral.test, fewShot, bestRidge, edgeTpu }))
}
