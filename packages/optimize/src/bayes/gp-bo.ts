import { encodeGenome, type Space, vectorLength } from "@cosearch/space"
import type { HyperparameterBounds } from "../gp/hyperparameters.js"
import type { OutputTransform } from "../gp/output-transform.js"
import { type CommonSettings, createOptimizer, type Optimizer } from "../optimizer/optimizer.js"
import { compareRecords } from "../ranking/dominance.js"
import { sampleNovel } from "../strategy/novel.js"
import type { Proposal, ProposalContext, Strategy } from "../strategy/strategy.js"
import { rankedSeeds, type WarmStart, warmStartRecords } from "../transfer/warm-start.js"
import type { TrialRecord } from "../trial/record.js"
import { type AcquisitionModels, type AcquisitionRule, imaginePending, incumbentOf, scoreCandidate } from "./acquisition-models.js"
import { type CandidateSettings, maximizeAcquisition } from "./candidates.js"
import { conditionOutput, fitPriorOutput } from "./condition-output.js"
import { createHyperparameterChain, type HyperparameterChain } from "./hyperparameter-chain.js"
import { constraintOutput, evaluableOutput, type ModeledOutput, objectiveOutput, objectiveRanges, scalarizedOutput } from "./outputs.js"
import type { OutputModel, SurrogateSettings } from "./surrogate.js"

/**
 * Settings of GP Bayesian optimization.
 *
 * @example
 * const settings: GpBoSettings = { directions: ["maximize"], acquisition: "ei", initial: 10, batch: "kriging-believer" }
 */
export interface GpBoSettings extends CommonSettings {
  /** `ei` (expected improvement, default) or `ucb` (upper confidence bound). */
  readonly acquisition?: "ei" | "ucb"
  /** UCB's beta: the bound is `sqrt(beta)` standard deviations (default 4). */
  readonly ucbBeta?: number
  /** Random trials before the model is used (default 10; 2 with a warm start, which proposes its best). */
  readonly initial?: number
  /** How a batch ask imagines its pending points: `kriging-believer` (default) or `constant-liar`. */
  readonly batch?: "kriging-believer" | "constant-liar"
  /** The constant liar's value: the smallest, mean or largest observed target (default `min`). */
  readonly liar?: "min" | "mean" | "max"
  /** The objective's output transform (default `rank`; `standardize` with a warm start). */
  readonly transform?: OutputTransform
  /** The most points each GP is fitted on (default 300). */
  readonly maxPoints?: number
  /** Refit hyperparameters when the history grew by this fraction (default 0.15). */
  readonly refitGrowth?: number
  /** Adam steps per refit (default 30). */
  readonly fitSteps?: number
  readonly bounds?: HyperparameterBounds
  /** Acquisition maximization (defaults: 256 random, 5 starts, 20 neighbors, 5 local steps). */
  readonly candidates?: Partial<CandidateSettings>
  /** A previous study: its GP is the prior mean, the new GP models the residuals. */
  readonly warmStart?: WarmStart
}

/**
 * The surrogate settings of GP-BO settings, defaults applied.
 *
 * @example
 * surrogateSettingsOf({}) // { transform: "rank", maxPoints: 300, refitGrowth: 0.15, fitSteps: 30 }
 */
export const surrogateSettingsOf = (settings: GpBoSettings): SurrogateSettings => ({
  transform: settings.warmStart === undefined ? (settings.transform ?? "rank") : "standardize",
  maxPoints: settings.maxPoints ?? 300,
  refitGrowth: settings.refitGrowth ?? 0.15,
  fitSteps: settings.fitSteps ?? 30,
  ...(settings.bounds === undefined ? {} : { bounds: settings.bounds }),
})

/**
 * Gaussian-process Bayesian optimization with constraints. Each output (the objective, each
 * constraint, whether a trial could be evaluated at all) has its own GP with a Matern-5/2 ARD
 * kernel on the space's vector encoding (one-hot categoricals), hyperparameters by marginal
 * likelihood along a history-determined refit schedule. Expected improvement is multiplied by
 * the probability of feasibility (the product over constraints of `P(c <= 0)` and
 * `P(evaluable)`); UCB is maximized over the candidates at least even odds to be feasible (the
 * rest rank below them by probability times UCB); until a feasible trial is known, the
 * acquisition is the probability of feasibility times a squash of the predicted objective.
 * Batches imagine their pending points by kriging believer or constant liar. Several objectives are scalarized per ask with random
 * weights (ParEGO's augmented Chebyshev). With a warm start each output's GP models the residuals
 * of a GP fitted on the previous study. Strategies with the same surrogate settings may share one
 * hyperparameter chain (as P3BO's GP members do): it depends on the history alone.
 *
 * @example
 * const strategy = gpBoStrategy(space, { directions: ["maximize"], acquisition: "ei" })
 */
export const gpBoStrategy = (
  space: Space,
  settings: GpBoSettings = {},
  chain: HyperparameterChain = createHyperparameterChain(space, surrogateSettingsOf(settings)),
): Strategy => {
  const directions = settings.directions ?? ["minimize"]
  const acquisition = settings.acquisition ?? "ei"
  const rule: AcquisitionRule = { acquisition, beta: settings.ucbBeta ?? 4 }
  const batchRule = settings.batch ?? "kriging-believer"
  const liar = settings.liar ?? "min"
  const warm = settings.warmStart
  const initial = Math.max(1, settings.initial ?? (warm === undefined ? 10 : 2))
  const surrogate = surrogateSettingsOf(settings)
  const candidates: CandidateSettings = { random: 256, starts: 5, neighbors: 20, localSteps: 5, ...settings.candidates }
  const d = vectorLength(space)
  const seeds = rankedSeeds(space, directions, warm, initial)
  const objectives = directions.length
  const equalWeights = new Float64Array(objectives).fill(1 / objectives)

  // The warm start's priors, fitted once (they depend on the settings alone).
  let priors: Map<string, OutputModel | undefined> | undefined
  const priorOf = (output: ModeledOutput): OutputModel | undefined => {
    if (warm === undefined) return undefined
    priors ??= new Map()
    if (!priors.has(output.name)) {
      const old = warmStartRecords(space, directions, warm)
      const priorOutput = objectives > 1 && output.rankable ? scalarizedOutput(equalWeights, ...rangesOf(old, old.length)) : output
      priors.set(output.name, fitPriorOutput(space, old, priorOutput, surrogate))
    }
    return priors.get(output.name)
  }
  const rangesOf = (records: readonly TrialRecord[], count: number): [Float64Array, Float64Array] => {
    const { low, high } = objectiveRanges(records.slice(0, count), objectives)
    return [low, high]
  }

  const model = (records: readonly TrialRecord[], output: ModeledOutput, chainOutput: ModeledOutput): OutputModel | undefined => {
    const prior = priorOf(output)
    const theta = chain.at(records, records.length, chainOutput, prior)
    return conditionOutput(space, records, records.length, output, theta, prior, surrogate)
  }

  const buildModels = (context: ProposalContext): AcquisitionModels => {
    const { records } = context
    let objective: OutputModel | undefined
    if (objectives === 1) {
      objective = model(records, objectiveOutput, objectiveOutput)
    } else {
      // Random weights per ask, drawn from its own stream; the hyperparameters are those of equal weights.
      const weightRng = context.derive("weights")
      const weights = new Float64Array(objectives)
      let total = 0
      for (let m = 0; m < objectives; m++) {
        weights[m] = -Math.log(1 - weightRng())
        total += weights[m] as number
      }
      for (let m = 0; m < objectives; m++) weights[m] = (weights[m] as number) / total
      const ranges = rangesOf(records, records.length)
      // The hyperparameter chain refits on prefixes of the history, so its target normalizes each
      // record by the ranges known when it was told: a function of the history alone.
      const equal = {
        name: "objective",
        rankable: true,
        target: (record: TrialRecord) => scalarizedOutput(equalWeights, ...rangesOf(records, record.index + 1)).target(record),
      }
      objective = model(records, scalarizedOutput(weights, ...ranges), equal)
    }
    let constraintCount = 0
    let unevaluable = false
    for (const record of records) {
      constraintCount = Math.max(constraintCount, record.constraints?.length ?? 0)
      if (evaluableOutput.target(record) === 0) unevaluable = true
    }
    const constraints = Array.from({ length: constraintCount }, (_, j) => model(records, constraintOutput(j), constraintOutput(j)))
    const evaluable = unevaluable ? model(records, evaluableOutput, evaluableOutput) : undefined
    return { objective, constraints, evaluable, incumbent: incumbentOf(objective) }
  }

  const startsOf = (records: readonly TrialRecord[]): Float64Array[] => {
    const order = [...records]
    if (objectives === 1) order.sort((a, b) => compareRecords(a, b) || a.index - b.index)
    else {
      const ranges = rangesOf(records, records.length)
      const output = scalarizedOutput(equalWeights, ...ranges)
      const key = (record: TrialRecord): number => (record.status === "feasible" ? (output.target(record) ?? Infinity) : Infinity)
      order.sort((a, b) => key(a) - key(b) || a.violation - b.violation || a.index - b.index)
    }
    return order.slice(0, candidates.starts).map((record) => record.genome)
  }

  return {
    name: acquisition === "ei" ? "gp-bo" : "gp-bo-ucb",
    propose: (n, context) => {
      const proposals: Proposal[] = []
      const { records } = context
      let models: AcquisitionModels | undefined
      const vector = new Float64Array(d)
      for (let k = 0; k < n; k++) {
        const trial = context.index + k
        if (trial < initial || records.length < 2) {
          const seed = seeds[trial]
          proposals.push({ genome: seed !== undefined && context.claim(seed) ? seed.slice() : sampleNovel(context) })
          continue
        }
        models ??= buildModels(context)
        const current = models
        const genome = maximizeAcquisition(
          context,
          startsOf(records),
          (vectors, row) => scoreCandidate(current, rule, vectors, row),
          candidates,
        )
        if (genome === undefined) {
          proposals.push({ genome: sampleNovel(context) })
          continue
        }
        proposals.push({ genome })
        if (k + 1 < n) models = imaginePending(current, encodeGenome(space, genome, vector), batchRule, liar)
      }
      return proposals
    },
  }
}

/**
 * A GP Bayesian-optimization optimizer (see `gpBoStrategy`).
 *
 * @example
 * const optimizer = createGpBo(nb201Space, { directions: ["maximize"], seed: 0 })
 */
export const createGpBo = (space: Space, settings: GpBoSettings = {}): Optimizer =>
  createOptimizer(space, gpBoStrategy(space, settings), settings)
