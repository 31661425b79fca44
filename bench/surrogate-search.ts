/**
 * Surrogate-screened search against plain search (issue 9's acceptance): runs the study of
 * `experiments/apollo-mobilenetv2.json` (plain aging evolution, 1,000 trials) and of
 * `experiments/apollo-mobilenetv2-screened.json` (the same evolution, screened by online models)
 * for each seed through the engine (one worker, a temporary database), and counts true
 * evaluations. Per seed, the target is the plain study's final best latency: the table gives the
 * evaluations each study needed to reach it (every trial counts: there is no outside data), and
 * those to reach 0.657704 ms, the best of the plain study with the experiment's seed 0.
 *
 * Flags: `--seeds A-B` (default 0-4), `--plain FILE`, `--screened FILE` (the two experiments),
 * `--screened-trials N` (the screened study's budget, default its file's). Ends stdout with one
 * JSON line: `{"seeds": [{"seed", "target", "plain", "screened", "plainTo0657704", "screenedTo0657704"}], "totalPlain", "totalScreened", "ratio"}`.
 *
 * @example
 * // pnpm -s bench surrogate-search --seeds 0-4
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { decodeExperiment, loadExperimentFile, runStudy } from "@cosearch/engine"
import type { Trial } from "@cosearch/optimize"
import { openSqliteStore } from "@cosearch/store"
import { Effect } from "effect"

const seedRange = (text: string): number[] => {
  const match = /^(\d+)-(\d+)$/.exec(text)
  if (match === null) throw new Error(`--seeds: expected A-B, got "${text}"`)
  return Array.from({ length: Number(match[2]) - Number(match[1]) + 1 }, (_, i) => Number(match[1]) + i)
}

/** Runs an experiment file with another seed to its budget; returns its trials in number order. */
const runSeed = async (path: string, seed: number, trials: number | undefined): Promise<readonly Trial[]> => {
  const folder = mkdtempSync(join(tmpdir(), "cosearch-screen-bench-"))
  const store = openSqliteStore(join(folder, "study.db"))
  try {
    return await Effect.runPromise(
      Effect.gen(function* () {
        const loaded = yield* loadExperimentFile(path)
        const experiment = yield* decodeExperiment(
          { ...(loaded.raw as object), seed },
          { source: path, baseDirectory: loaded.baseDirectory },
        )
        const report = yield* runStudy(experiment, { store, workers: 1, trials })
        const all = yield* Effect.promise(() => store.trials(report.study.id))
        return [...all].sort((a, b) => a.number - b.number)
      }),
    )
  } finally {
    await store.close()
    rmSync(folder, { recursive: true, force: true })
  }
}

const feasibleValue = (trial: Trial): number | undefined =>
  trial.state === "complete" && (trial.constraints ?? []).every((value) => value <= 0) ? trial.values?.[0] : undefined

/** Evaluations until the first feasible trial at or below `target` (undefined when none). */
const evaluationsToReach = (trials: readonly Trial[], target: number): number | undefined => {
  const index = trials.findIndex((trial) => (feasibleValue(trial) ?? Number.POSITIVE_INFINITY) <= target + 1e-9)
  return index < 0 ? undefined : index + 1
}

const bestOf = (trials: readonly Trial[]): number => Math.min(...trials.map((trial) => feasibleValue(trial) ?? Number.POSITIVE_INFINITY))

export const main = async (args: readonly string[]): Promise<void> => {
  const flag = (name: string): string | undefined => {
    const at = args.indexOf(`--${name}`)
    return at < 0 ? undefined : args[at + 1]
  }
  const seeds = seedRange(flag("seeds") ?? "0-4")
  const plainPath = flag("plain") ?? "experiments/apollo-mobilenetv2.json"
  const screenedPath = flag("screened") ?? "experiments/apollo-mobilenetv2-screened.json"
  const screenedTrials = flag("screened-trials") === undefined ? undefined : Number(flag("screened-trials"))
  const reference = 0.657704
  const rows: {
    seed: number
    target: number
    plain?: number
    screened?: number
    plainTo0657704?: number
    screenedTo0657704?: number
    screenedBest: number
  }[] = []
  const shown = (value: number | undefined) => (value === undefined ? "-" : String(value))
  console.log("seed  plain best (ms)  plain evals  screened evals  ratio   plain to 0.657704  screened to 0.657704  screened best")
  for (const seed of seeds) {
    const plain = await runSeed(plainPath, seed, undefined)
    const screened = await runSeed(screenedPath, seed, screenedTrials)
    const target = Number(bestOf(plain).toFixed(6))
    const row = {
      seed,
      target,
      ...(evaluationsToReach(plain, target) === undefined ? {} : { plain: evaluationsToReach(plain, target) as number }),
      ...(evaluationsToReach(screened, target) === undefined ? {} : { screened: evaluationsToReach(screened, target) as number }),
      ...(evaluationsToReach(plain, reference) === undefined ? {} : { plainTo0657704: evaluationsToReach(plain, reference) as number }),
      ...(evaluationsToReach(screened, reference) === undefined
        ? {}
        : { screenedTo0657704: evaluationsToReach(screened, reference) as number }),
      screenedBest: Number(bestOf(screened).toFixed(6)),
    }
    rows.push(row)
    const ratio = row.plain !== undefined && row.screened !== undefined ? (row.plain / row.screened).toFixed(2) : "-"
    console.log(
      `${String(seed).padEnd(4)}  ${target.toFixed(6).padStart(15)}  ${shown(row.plain).padStart(11)}  ${shown(row.screened).padStart(14)}  ${ratio.padStart(5)}  ${shown(row.plainTo0657704).padStart(17)}  ${shown(row.screenedTo0657704).padStart(20)}  ${row.screenedBest.toFixed(6).padStart(13)}`,
    )
  }
  const reached = rows.filter((row) => row.plain !== undefined && row.screened !== undefined)
  const totalPlain = reached.reduce((sum, row) => sum + (row.plain as number), 0)
  const totalScreened = reached.reduce((sum, row) => sum + (row.screened as number), 0)
  console.log(
    `total over seeds where both reached: plain ${totalPlain}, screened ${totalScreened}, ratio ${(totalPlain / totalScreened).toFixed(2)}`,
  )
  console.log(JSON.stringify({ seeds: rows, totalPlain, totalScreened, ratio: Number((totalPlain / totalScreened).toFixed(3)) }))
}
