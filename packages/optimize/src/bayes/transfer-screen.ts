import { encodeGenome, isFailure, type MutateOptions, mutateGenome, type Space, vectorLength } from "@cosearch/space"
import { mutateNovel } from "../strategy/novel.js"
import type { ProposalContext } from "../strategy/strategy.js"
import { type WarmStart, warmStartRecords } from "../transfer/warm-start.js"
import { genomeKey, type TrialRecord } from "../trial/record.js"
import type { Direction } from "../trial/trial.js"
import type { AcquisitionModels } from "./acquisition-models.js"
import { scoreCandidate } from "./acquisition-models.js"
import { conditionOutput, fitPriorOutput } from "./condition-output.js"
import { constraintOutput, evaluableOutput, type ModeledOutput, objectiveOutput } from "./outputs.js"
import type { OutputModel, SurrogateSettings } from "./surrogate.js"

/**
 * The default number of mutants a warm start's models screen for each child of a warm-started
 * evolution (see `WarmStart.screen`).
 *
 * @example
 * const screen = warmStart.screen ?? DEFAULT_SCREEN
 */
export const DEFAULT_SCREEN = 16

/** The surrogate settings of the screening models: standardized targets, every old trial up to 300. */
const screenSurrogate: SurrogateSettings = { transform: "standardize", maxPoints: 300, refitGrowth: 0.15, fitSteps: 30 }

/**
 * The most new trials a residual model is conditioned on (the best half by target, then the most
 * recent): it keeps each update and each screened candidate cheap over long studies.
 */
export const TRANSFER_UPDATE_POINTS = 100

const updateSurrogate: SurrogateSettings = { ...screenSurrogate, maxPoints: TRANSFER_UPDATE_POINTS }

/**
 * What a previous study teaches about the new one before it evaluates anything: a GP per output
 * (objective, each constraint, whether a design could be evaluated at all) fitted on the old
 * trials. Where only a constraint's threshold moved (another area budget, the constraint values
 * rebased), the old trials predict the new constraint as well as the old one; the objective model
 * ranks the designs the old study saw. Several objectives leave the objective model out (the
 * screen then ranks by feasibility alone).
 *
 * @example
 * const models = fitTransferModels(space, ["minimize"], warmStart)
 */
export interface TransferModels {
  readonly objective: OutputModel | undefined
  readonly constraints: readonly (OutputModel | undefined)[]
  readonly evaluable: OutputModel | undefined
}

/**
 * Fits the transfer models of a warm start (see `TransferModels`): a function of the warm start
 * alone, so a resumed study fits the same models.
 *
 * @example
 * const models = fitTransferModels(space, ["minimize"], { trials: previous.history })
 */
export const fitTransferModels = (space: Space, directions: readonly Direction[], warmStart: WarmStart): TransferModels => {
  const old = warmStartRecords(space, directions, warmStart)
  let constraintCount = 0
  let unevaluable = false
  for (const record of old) {
    constraintCount = Math.max(constraintCount, record.constraints?.length ?? 0)
    if (evaluableOutput.target(record) === 0) unevaluable = true
  }
  return {
    objective: directions.length === 1 ? fitPriorOutput(space, old, objectiveOutput, screenSurrogate) : undefined,
    constraints: Array.from({ length: constraintCount }, (_, j) => fitPriorOutput(space, old, constraintOutput(j), screenSurrogate)),
    evaluable: unevaluable ? fitPriorOutput(space, old, evaluableOutput, screenSurrogate) : undefined,
  }
}

/**
 * New trials between updates of the transfer models (see `updateTransferModels`).
 *
 * @example
 * const count = Math.floor(records.length / TRANSFER_UPDATE_STEP) * TRANSFER_UPDATE_STEP
 */
export const TRANSFER_UPDATE_STEP = 25

const updateOutput = (
  space: Space,
  records: readonly TrialRecord[],
  count: number,
  output: ModeledOutput,
  prior: OutputModel | undefined,
): OutputModel | undefined => {
  if (prior === undefined) return undefined
  // The new trials' residuals around the old trials' model, with the old model's hyperparameters.
  return conditionOutput(space, records, count, output, prior.process.theta, prior, updateSurrogate) ?? prior
}

/**
 * The transfer models corrected by the first `count` trials of the new study: each output's GP
 * models the new trials' residuals around the old trials' GP (its hyperparameters kept), so what
 * moved between the studies is learnt as the new study runs. A function of the models and the
 * history, so a resumed study rebuilds the same models; `count` 0 returns the models unchanged.
 *
 * @example
 * const current = updateTransferModels(space, models, context.records, 50)
 */
export const updateTransferModels = (
  space: Space,
  models: TransferModels,
  records: readonly TrialRecord[],
  count: number,
): TransferModels => {
  if (count <= 0) return models
  return {
    objective: updateOutput(space, records, count, objectiveOutput, models.objective),
    constraints: models.constraints.map((model, j) => updateOutput(space, records, count, constraintOutput(j), model)),
    evaluable: updateOutput(space, records, count, evaluableOutput, models.evaluable),
  }
}

/**
 * The best feasible objective (minimization units) of the new study's records, or of the models'
 * old feasible trials when the new study has none yet; undefined with several objectives.
 *
 * @example
 * const incumbent = screenIncumbent(models, context.records)
 */
export const screenIncumbent = (models: TransferModels, records: readonly TrialRecord[]): number | undefined => {
  if (models.objective === undefined) return undefined
  let best: number | undefined
  for (const record of records) {
    const value = record.objectives?.[0]
    if (record.status === "feasible" && value !== undefined && (best === undefined || value < best)) best = value
  }
  if (best !== undefined) return best
  const { observed, feasible } = models.objective
  for (let i = 0; i < observed.length; i++) {
    const value = observed[i] as number
    if (feasible[i] === 1 && (best === undefined || value < best)) best = value
  }
  return best
}

/**
 * A child of `parent` chosen by the transfer models: `screen` distinct untaken mutants are drawn
 * and the one with the largest expected improvement over `incumbent` times probability of
 * feasibility is claimed (the first drawn on ties). Falls back to `mutateNovel` when no untaken
 * mutant turns up.
 *
 * @example
 * proposals.push({ genome: screenedMutant(context, models, incumbent, winner.genome, 16, { k: 1 }) })
 */
export const screenedMutant = (
  context: ProposalContext,
  models: TransferModels,
  incumbent: number | undefined,
  parent: Float64Array,
  screen: number,
  options: MutateOptions = {},
): Float64Array => {
  const { space, rng } = context
  const acquisition: AcquisitionModels = { ...models, incumbent }
  const rule = { acquisition: "ei" as const, beta: 4 }
  const vector = new Float64Array(vectorLength(space))
  const seen = new Set<string>()
  let best: Float64Array | undefined
  let bestScore = Number.NEGATIVE_INFINITY
  for (let attempt = 0; attempt < 4 * screen && seen.size < screen; attempt++) {
    const mutant = mutateGenome(space, parent, rng, options)
    if (isFailure(mutant)) break
    const key = genomeKey(mutant)
    if (seen.has(key) || context.isTaken(mutant)) continue
    seen.add(key)
    const score = scoreCandidate(acquisition, rule, encodeGenome(space, mutant, vector), 0)
    if (score > bestScore) {
      best = mutant
      bestScore = score
    }
  }
  if (best !== undefined && context.claim(best)) return best
  return mutateNovel(context, parent, options)
}
