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
 * Flags: `--shots N` (default 10), `--draws N` (default 10), `--seed S` (default 1),
 * `--ridges a,b` (default 0,0.001,0.01,0.1,1). Data: packages/cost/data/{cortex-a53,coral}.
 * Ends stdout with one JSON line: `{"a53": {...}, "coral": {...}, "fewShot": {"<ridge>": {"a53": mean, "coral": mean}}, "bestRidge": r}`.
 *
 * @example
 * // pnpm -s bench few-shot --draws 3 --ridges 0.01,1
 */
import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import type { CpuAccelerator } from "@cosearch/accelerator"
import { calibrateCpuWithHoldout, cpuSamplesFromCsv, evaluateCpuFewShot } from "@cosearch/cost"
import type { LoopNest } from "@cosearch/network"
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

export const main = (args: string[]): void => {
  const shots = Number(flag(args, "shots", "10"))
  const draws = Number(flag(args, "draws", "10"))
  const seed = flag(args, "seed", "1")
  const ridges = flag(args, "ridges", "0,0.001,0.01,0.1,1").split(",").map(Number)
  if (!Number.isInteger(shots) || shots < 1 || !Number.isInteger(draws) || draws < 1 || ridges.some((r) => !(r >= 0)))
    throw new Error("flags: --shots N (>= 1), --draws N (>= 1), --seed S, --ridges a,b (each >= 0)")
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
  console.log(JSON.stringify({ shots, draws, seed, a53: onA53.test, coral: onCoral.test, fewShot, bestRidge }))
}
