/**
 * The accelerator transfer benchmark (Apollo's transfer across constraints): search the Edge TPU
 * template's ten knobs (`edgeTpuKnobs`) for the lowest latency of one network under an area
 * budget, then under a tighter budget, with and without transfer from the first search.
 *
 * 1. Reference: a long run (random search, then aging evolution, `--reference-evaluations` each,
 *    three seeds) under the tight budget; the target is 99% of its best latency, i.e. a latency
 *    of at most best / 0.99.
 * 2. Per seed and optimizer: a source study under the loose budget (`--source-evaluations` by
 *    `--source-optimizer`, default aging evolution: the earlier study is data, whoever ran it), then
 *    the target study under the tight budget from scratch and warm-started from the source study
 *    (`warmStart: { trials }`), each until it reaches the target or `--max-evaluations`. The
 *    source trials are rebased to the new budget: their latencies and areas were measured, only
 *    the threshold moved, so each constraint value `area - loose` becomes `area - tight`.
 *
 * Latency is minimized; the area budget is a constraint (`area - budget <= 0`); designs the
 * template cannot run (instruction or activation memory) are infeasible trials.
 *
 * Flags: `--network SPEC` (default mobilenet_v2), `--budgets LOOSE,TIGHT` (mm², default 200,100),
 * `--optimizers a,b` (default evolution; gp-bo and p3bo take minutes per seed here), `--seeds A-B` (default 0-9),
 * `--source-evaluations N` (200), `--max-evaluations N` (400), `--reference-evaluations N` (20000),
 * `--constants default|coral` (the template's constants, default: the uncalibrated defaults at
 * 800 MHz), `--screen N` (the warm start's `screen`: mutants its models screen per child of a
 * warm-started evolution, default 16, 1 off), `--population N` and `--sample-size N` (the scratch
 * and transfer evolutions' settings alike; the reference and source studies keep the defaults).
 * Per-seed evaluations go to stderr. Besides the 99% target it reports 95% and 90%. Ends stdout with one JSON line:
 * `{"reference": ms, "<optimizer>": {"99": {"scratch": mean evaluations, "transfer": mean, "speedup": ratio, "reached": [n, n]}, "95": ..., "90": ...}, ...}`.
 *
 * @example
 * // pnpm -s bench transfer --optimizers evolution --seeds 0-4
 */
import { defaultEdgeTpuConstants, type EdgeTpuConstants, edgeTpuFromKnobs, edgeTpuKnobs, edgeTpuKnobsOf } from "@cosearch/accelerator"
import { type EdgeTpuWorkload, edgeTpuWorkload, evaluateEdgeTpu } from "@cosearch/cost"
import { buildZooNetwork } from "@cosearch/network"
import {
  complete,
  createOptimizerByName,
  finishedTrial,
  infeasible,
  type NamedOptimizerSettings,
  optimizerNames,
  type Trial,
  type TrialResult,
} from "@cosearch/optimize"
import type { Configuration } from "@cosearch/space"

interface Settings {
  readonly network: string
  readonly loose: number
  readonly tight: number
  readonly optimizers: readonly string[]
  readonly seeds: readonly number[]
  readonly sourceEvaluations: number
  readonly sourceOptimizer: string
  readonly maxEvaluations: number
  readonly referenceEvaluations: number
  readonly constants: "default" | "coral"
  readonly screen: number | undefined
  readonly population: number | undefined
  readonly sampleSize: number | undefined
}

const usage =
  "flags: --network SPEC, --budgets LOOSE,TIGHT (mm², loose > tight > 0), --optimizers a,b " +
  `(of ${optimizerNames.join(", ")}), --seeds A-B, --source-evaluations N, --source-optimizer NAME, --max-evaluations N, --reference-evaluations N, --constants default|coral, --screen N`

const positiveInteger = (text: string): number | undefined => (/^[1-9]\d*$/.test(text) ? Number(text) : undefined)

const parseSettings = (args: readonly string[]): Settings => {
  const settings: { -readonly [K in keyof Settings]: Settings[K] } = {
    network: "mobilenet_v2",
    loose: 200,
    tight: 100,
    optimizers: ["evolution"],
    seeds: Array.from({ length: 10 }, (_, i) => i),
    sourceEvaluations: 200,
    sourceOptimizer: "evolution",
    maxEvaluations: 400,
    referenceEvaluations: 20_000,
    constants: "default",
    screen: undefined,
    population: undefined,
    sampleSize: undefined,
  }
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i]
    const value = args[i + 1] ?? ""
    const range = /^(\d+)-(\d+)$/.exec(value)
    const budgets = value.split(",").map(Number)
    const count = positiveInteger(value)
    if (flag === "--network" && value !== "") settings.network = value
    else if (
      flag === "--budgets" &&
      budgets.length === 2 &&
      (budgets[1] as number) > 0 &&
      (budgets[0] as number) > (budgets[1] as number)
    ) {
      settings.loose = budgets[0] as number
      settings.tight = budgets[1] as number
    } else if (flag === "--optimizers" && value.split(",").every((name) => optimizerNames.includes(name)))
      settings.optimizers = value.split(",")
    else if (flag === "--seeds" && range !== null && Number(range[1]) <= Number(range[2]))
      settings.seeds = Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, k) => Number(range[1]) + k)
    else if (flag === "--source-evaluations" && count !== undefined) settings.sourceEvaluations = count
    else if (flag === "--source-optimizer" && optimizerNames.includes(value)) settings.sourceOptimizer = value
    else if (flag === "--max-evaluations" && count !== undefined) settings.maxEvaluations = count
    else if (flag === "--reference-evaluations" && count !== undefined) settings.referenceEvaluations = count
    else if (flag === "--screen" && count !== undefined) settings.screen = count
    else if (flag === "--population" && count !== undefined) settings.population = count
    else if (flag === "--sample-size" && count !== undefined) settings.sampleSize = count
    else if (flag === "--constants" && (value === "default" || value === "coral")) settings.constants = value
    else throw new Error(`unknown flag or bad value at "${args.slice(i, i + 2).join(" ")}"; ${usage}`)
  }
  return settings
}

/** The evaluator of one area budget: latency (ms) to minimize, area over budget as a constraint. */
const evaluatorOf = (workload: EdgeTpuWorkload, constants: EdgeTpuConstants | undefined, budgetMm2: number) => {
  return (configuration: Configuration): { result: TrialResult; latencyMs: number } => {
    const design = edgeTpuFromKnobs(edgeTpuKnobsOf(configuration), constants === undefined ? {} : { constants })
    const result = evaluateEdgeTpu(workload, design)
    if (!result.feasible) return { result: infeasible(), latencyMs: Number.POSITIVE_INFINITY }
    const feasible = result.areaMm2 <= budgetMm2
    return {
      result: complete([result.latencyMs], [result.areaMm2 - budgetMm2]),
      latencyMs: feasible ? result.latencyMs : Number.POSITIVE_INFINITY,
    }
  }
}

type Evaluator = ReturnType<typeof evaluatorOf>

/**
 * Runs one study until the target is reached or the budget is spent; returns the trials and the
 * evaluations it took (undefined when the target was not reached).
 */
const runStudy = (
  name: string,
  seed: number,
  evaluate: Evaluator,
  evaluations: number,
  targets: readonly number[],
  extra: NamedOptimizerSettings = {},
): { trials: readonly Trial[]; reachedAt: (number | undefined)[]; best: number } => {
  const optimizer = createOptimizerByName(name, edgeTpuKnobs, {
    directions: ["minimize"],
    seed,
    ...extra,
  })
  let best = Number.POSITIVE_INFINITY
  let spent = 0
  const reachedAt: (number | undefined)[] = targets.map(() => undefined)
  while (spent < evaluations && (targets.length === 0 || reachedAt.some((at) => at === undefined))) {
    const proposals = optimizer.ask(1)
    optimizer.tell(
      proposals.map((proposal) => {
        const { result, latencyMs } = evaluate(proposal.params)
        spent++
        if (latencyMs < best) best = latencyMs
        targets.forEach((target, t) => {
          if (reachedAt[t] === undefined && best <= target) reachedAt[t] = spent
        })
        return finishedTrial(spent - 1, proposal, result)
      }),
    )
  }
  return { trials: optimizer.history, reachedAt, best }
}

/**
 * The source study's trials under the new budget: latency and area were measured, only the
 * threshold moved, so each area constraint `area - loose` becomes `area - tight`.
 */
const rebase = (trials: readonly Trial[], shift: number): Trial[] =>
  trials.map((trial) =>
    trial.state === "complete" && trial.constraints !== undefined
      ? { ...trial, constraints: trial.constraints.map((value) => value + shift) }
      : trial,
  )

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length

/**
 * Runs the benchmark (see the file comment for flags and output).
 *
 * @example
 * main(["--optimizers", "evolution", "--seeds", "0-2"])
 */
export const main = (args: string[]): void => {
  const settings = parseSettings(args)
  const built = buildZooNetwork(settings.network)
  if (!built.ok) throw new Error(built.message)
  const prepared = edgeTpuWorkload(built.network)
  if (!prepared.ok) throw new Error(prepared.issues[0]?.message)
  const constants = settings.constants === "default" ? defaultEdgeTpuConstants : undefined
  const loose = evaluatorOf(prepared.workload, constants, settings.loose)
  const tight = evaluatorOf(prepared.workload, constants, settings.tight)

  const started = process.hrtime.bigint()
  let reference = Number.POSITIVE_INFINITY
  for (const seed of [1001, 1002, 1003])
    for (const name of ["random", "evolution"])
      reference = Math.min(reference, runStudy(name, seed, tight, settings.referenceEvaluations, []).best)
  const fractions = [0.99, 0.95, 0.9]
  const targets = fractions.map((fraction) => reference / fraction)
  console.log(
    `transfer: ${settings.network} on edgeTpuKnobs (${settings.constants} constants), area budget ${settings.loose} mm² then ${settings.tight} mm²; ` +
      `reference best ${reference.toFixed(4)} ms (random + evolution, 3 x 2 x ${settings.referenceEvaluations} evaluations, ` +
      `${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s); targets ${fractions.map((f, t) => `${f * 100}%: <= ${(targets[t] as number).toFixed(4)} ms`).join(", ")}`,
  )
  console.log(
    `evaluations to reach each target under ${settings.tight} mm² (mean over seeds ${settings.seeds[0]}-${settings.seeds.at(-1)}; ` +
      `a run that misses it counts ${settings.maxEvaluations}; reached = runs that hit it), source studies of ${settings.sourceEvaluations} evaluations by ${settings.sourceOptimizer} under ${settings.loose} mm²`,
  )
  console.log(
    `${"optimizer".padEnd(12)}${"target".padStart(8)}${"scratch".padStart(10)}${"reached".padStart(9)}${"transfer".padStart(10)}${"reached".padStart(9)}${"speedup".padStart(9)}`,
  )
  const results: Record<string, unknown> = { reference: Number(reference.toFixed(6)) }
  // The same tuning for scratch and transfer studies (the reference and source studies keep the defaults).
  const tuning: NamedOptimizerSettings = {
    ...(settings.population === undefined ? {} : { population: settings.population }),
    ...(settings.sampleSize === undefined ? {} : { sampleSize: settings.sampleSize }),
  }
  for (const name of settings.optimizers) {
    const start = process.hrtime.bigint()
    const scratch: (number | undefined)[][] = []
    const transfer: (number | undefined)[][] = []
    for (const seed of settings.seeds) {
      const source = runStudy(settings.sourceOptimizer, seed, loose, settings.sourceEvaluations, [])
      scratch.push(runStudy(name, seed, tight, settings.maxEvaluations, targets, tuning).reachedAt)
      const rebased = rebase(source.trials, settings.loose - settings.tight)
      const warmStart = { trials: rebased, ...(settings.screen === undefined ? {} : { screen: settings.screen }) }
      transfer.push(runStudy(name, seed, tight, settings.maxEvaluations, targets, { ...tuning, warmStart }).reachedAt)
      const shown = (run: readonly (number | undefined)[] | undefined) => (run ?? []).map((at) => at ?? "-").join("/")
      console.error(`${name} seed ${seed}: evaluations to 99/95/90%: scratch ${shown(scratch.at(-1))}, transfer ${shown(transfer.at(-1))}`)
    }
    const figures: Record<string, unknown> = {}
    fractions.forEach((fraction, t) => {
      const counted = (runs: (number | undefined)[][]) => runs.map((run) => run[t] ?? settings.maxEvaluations)
      const reached = (runs: (number | undefined)[][]) => runs.filter((run) => run[t] !== undefined).length
      const scratchMean = mean(counted(scratch))
      const transferMean = mean(counted(transfer))
      console.log(
        `${name.padEnd(12)}${`${fraction * 100}%`.padStart(8)}${scratchMean.toFixed(1).padStart(10)}${`${reached(scratch)}/${scratch.length}`.padStart(9)}` +
          `${transferMean.toFixed(1).padStart(10)}${`${reached(transfer)}/${transfer.length}`.padStart(9)}${(scratchMean / transferMean).toFixed(2).padStart(9)}`,
      )
      figures[String(fraction * 100)] = {
        scratch: Number(scratchMean.toFixed(2)),
        transfer: Number(transferMean.toFixed(2)),
        speedup: Number((scratchMean / transferMean).toFixed(3)),
        reached: [reached(scratch), reached(transfer)],
      }
    })
    results[name] = figures
    console.log(`${name}: ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s`)
  }
  console.log(JSON.stringify(results))
}
