/**
 * The study engine's own cost. `overhead`: a study whose evaluator returns at once, on one
 * worker; the figure is the median time between consecutive finished trials (claim, pool round
 * trip, the SQLite writes, the batch planning shared out), over all trials of all repeats.
 * `scaling`: the throughput of 2 workers against 1 on an evaluator that burns 5 ms of CPU, from
 * the first finished trial to the last (worker start-up left out). Targets: overhead <= 1 ms,
 * scaling >= 1.8. `networkCacheHitRate`: the `cost` evaluator on `nb201-edgetpu` (in this
 * process) over an aging-evolution-like stream of configurations (a population of 20, tournaments
 * of 5, one parameter mutated per child, the lowest latency winning), from a cold cache: the
 * share of trials whose network part was analyzed already (`networkCacheStats`), so that its
 * Edge TPU workload is reused too.
 *
 * Flags: `--trials N` (default 1000, for the overhead, for scaling and for the stream),
 * `--repeats N` (default 3). Ends stdout with one JSON line:
 * `{"bench":"engine","overheadMsMedian":..,"overheadMsMean":..,"trialsPerSecond1":..,"trialsPerSecond2":..,"scaling":..,"networkCacheHitRate":..}`.
 *
 * @example
 * // pnpm -s bench engine --trials 2000
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { clearNetworkCache, costEvaluator, decodeExperiment, lookupSpace, networkCacheStats, runStudy } from "@cosearch/engine"
import { type Configuration, createRandom, mutate, sampleMany } from "@cosearch/space"
import { connectStore, openSqliteStore } from "@cosearch/store"
import { Effect } from "effect"
import { startBenchPostgres } from "./distributed/postgres-server.js"
import { workerProcessThroughput } from "./distributed/worker-scaling.js"

const evaluators = join(import.meta.dirname, "evaluators")

const parseFlags = (args: readonly string[]): { trials: number; repeats: number; processTrials: number } => {
  let trials = 1000
  let repeats = 3
  let processTrials = 320
  for (let i = 0; i < args.length; i += 2) {
    const value = Number(args[i + 1])
    if (args[i] === "--trials" && Number.isInteger(value) && value >= 16) trials = value
    else if (args[i] === "--repeats" && Number.isInteger(value) && value >= 1) repeats = value
    else if (args[i] === "--process-trials" && Number.isInteger(value) && value >= 64) processTrials = value
    else
      throw new Error(
        `unknown flag or bad value at "${args.slice(i, i + 2).join(" ")}"; flags: --trials N (>= 16), --repeats N (>= 1), --process-trials N (>= 64)`,
      )
  }
  return { trials, repeats, processTrials }
}

/**
 * Runs one study in a fresh store (a SQLite file in a temp folder, or the PostgreSQL URL given);
 * returns the times (ms, performance.now) at which its trials finished.
 */
const finishTimes = async (module: string, trials: number, workers: number, postgresUrl?: string): Promise<number[]> => {
  const folder = mkdtempSync(join(tmpdir(), "cosearch-bench-"))
  const store = postgresUrl === undefined ? openSqliteStore(join(folder, "bench.db")) : await connectStore(postgresUrl)
  const raw = {
    name: "bench",
    space: "nb201",
    evaluator: { kind: "module", module },
    objectives: [{ metric: "score", direction: "minimize" }],
    optimizer: { name: "random", batch: 8 },
    budget: { trials },
  }
  const times: number[] = []
  try {
    const experiment = await Effect.runPromise(decodeExperiment(raw, { source: "bench", baseDirectory: evaluators }))
    await Effect.runPromise(
      runStudy(experiment, {
        store,
        workers,
        onEvent: (event) => {
          if (event.kind === "trial") times.push(performance.now())
        },
      }),
    )
  } finally {
    await store.close()
    rmSync(folder, { recursive: true, force: true })
  }
  return times
}

const gaps = (times: readonly number[]): number[] => times.slice(1).map((time, k) => time - (times[k] as number))
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
const throughput = (times: readonly number[]): number => (times.length - 1) / (((times.at(-1) as number) - (times[0] as number)) / 1000)

/**
 * The `cost` evaluator on `nb201-edgetpu` over an aging-evolution-like stream of `trials`
 * configurations (population 20, tournaments of 5, one parameter mutated, lowest latency wins),
 * from a cold network cache: its hits, misses and milliseconds per trial.
 */
const networkCacheStream = async (trials: number): Promise<{ hits: number; misses: number; msPerTrial: number }> => {
  const found = lookupSpace("nb201-edgetpu")
  if (!found.ok) throw new Error(found.message)
  const { entry } = found
  const evaluate = await costEvaluator.create({ kind: "cost" }, { space: entry.space, entry, baseDirectory: "." })
  const rng = createRandom("bench-network-cache")
  const population: { configuration: Configuration; latencyMs: number }[] = []
  clearNetworkCache()
  const start = performance.now()
  const run = async (configuration: Configuration, number: number): Promise<void> => {
    const { metrics, infeasible } = await evaluate({ study: "bench", number, configuration })
    const latencyMs = infeasible === undefined && typeof metrics.latencyMs === "number" ? metrics.latencyMs : Number.POSITIVE_INFINITY
    population.push({ configuration, latencyMs })
    if (population.length > 20) population.shift()
  }
  for (const [number, configuration] of sampleMany(entry.space, Math.min(20, trials), "bench-network-cache").entries())
    await run(configuration, number)
  for (let number = population.length; number < trials; number++) {
    let parent = population[Math.floor(rng() * population.length)]
    for (let draw = 1; draw < 5; draw++) {
      const rival = population[Math.floor(rng() * population.length)]
      if (rival !== undefined && parent !== undefined && rival.latencyMs < parent.latencyMs) parent = rival
    }
    const child = mutate(entry.space, parent?.configuration ?? {}, rng, { k: 1 })
    if (!child.ok) throw new Error(child.message)
    await run(child.configuration, number)
  }
  const { hits, misses } = networkCacheStats()
  return { hits, misses, msPerTrial: (performance.now() - start) / trials }
}

export const main = async (args: string[]): Promise<void> => {
  const { trials, repeats, processTrials } = parseFlags(args)
  const intervals: number[] = []
  for (let repeat = 0; repeat < repeats; repeat++) intervals.push(...gaps(await finishTimes("noop.mjs", trials, 1)))
  const overheadMsMedian = median(intervals)
  const overheadMsMean = intervals.reduce((sum, value) => sum + value, 0) / intervals.length
  console.log(
    `overhead per trial (no-op evaluator, 1 worker, ${repeats} x ${trials} trials): median ${overheadMsMedian.toFixed(3)} ms, mean ${overheadMsMean.toFixed(3)} ms (target <= 1 ms)`,
  )

  // As many trials as the overhead runs: short runs measure the workers warming up (JIT, caches).
  const scalingTrials = trials
  const one: number[] = []
  const two: number[] = []
  for (let repeat = 0; repeat < repeats; repeat++) {
    one.push(throughput(await finishTimes("burn.mjs", scalingTrials, 1)))
    two.push(throughput(await finishTimes("burn.mjs", scalingTrials, 2)))
  }
  const trialsPerSecond1 = median(one)
  const trialsPerSecond2 = median(two)
  const scaling = trialsPerSecond2 / trialsPerSecond1
  console.log(
    `5 ms CPU evaluator, ${scalingTrials} trials: 1 worker ${trialsPerSecond1.toFixed(1)} trials/s, 2 workers ${trialsPerSecond2.toFixed(1)} trials/s: ${scaling.toFixed(2)}x (target >= 1.8x)`,
  )
  const postgres = startBenchPostgres()
  let postgresOverheadMsMedian: number
  const processThroughput: Record<1 | 2 | 4, number> = { 1: 0, 2: 0, 4: 0 }
  try {
    const postgresIntervals: number[] = []
    for (let repeat = 0; repeat < repeats; repeat++)
      postgresIntervals.push(...gaps(await finishTimes("noop.mjs", trials, 1, postgres.schema("overhead"))))
    postgresOverheadMsMedian = median(postgresIntervals)
    console.log(
      `PostgreSQL (${postgres.description}), the same study: median ${postgresOverheadMsMedian.toFixed(3)} ms a trial, ${(postgresOverheadMsMedian - overheadMsMedian).toFixed(3)} ms over SQLite (target <= 5 ms)`,
    )
    for (const processes of [1, 2, 4] as const) {
      const runs: number[] = []
      for (let repeat = 0; repeat < repeats; repeat++)
        runs.push(await workerProcessThroughput(postgres.schema(`scaling${processes}`), processes, processTrials, 50))
      processThroughput[processes] = median(runs)
    }
  } finally {
    await postgres.stop()
  }
  const processScaling2 = processThroughput[2] / processThroughput[1]
  const processScaling4 = processThroughput[4] / processThroughput[1]
  console.log(
    `cosearch worker processes on PostgreSQL, 50 ms sleeping evaluator, ${processTrials} trials: 1 process ${processThroughput[1].toFixed(2)} trials/s, 2 ${processThroughput[2].toFixed(2)} (${processScaling2.toFixed(2)}x), 4 ${processThroughput[4].toFixed(2)} (${processScaling4.toFixed(2)}x; target >= 3.5x)`,
  )
  // Last, so that the figures above are measured as before it existed.
  const stream = await networkCacheStream(trials)
  const networkCacheHitRate = stream.hits / (stream.hits + stream.misses)
  console.log(
    `cost evaluator on nb201-edgetpu, an evolution-like stream of ${trials} trials: network cache ${stream.hits} hits, ${stream.misses} misses (hit rate ${networkCacheHitRate.toFixed(3)}), ${stream.msPerTrial.toFixed(3)} ms a trial`,
  )
  console.log(
    JSON.stringify({
      bench: "engine",
      trials,
      repeats,
      overheadMsMedian,
      overheadMsMean,
      trialsPerSecond1,
      trialsPerSecond2,
      scaling,
      postgresOverheadMsMedian,
      processTrials,
      processTrialsPerSecond1: processThroughput[1],
      processTrialsPerSecond2: processThroughput[2],
      processTrialsPerSecond4: processThroughput[4],
      processScaling2,
      processScaling4,
      networkCacheHitRate,
      networkCacheHits: stream.hits,
      networkCacheMisses: stream.misses,
      costEvaluatorMsPerTrial: stream.msPerTrial,
    }),
  )
}
