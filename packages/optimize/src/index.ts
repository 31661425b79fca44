/**
 * `@cosearch/optimize`: ask/tell optimizers over `@cosearch/space` spaces. Random search,
 * regularized (aging) evolution, NSGA-II, constrained Gaussian-process Bayesian optimization and
 * the P3BO ensemble, all resumable from (settings, seed, history), all treating infeasible and
 * failed trials as information, all able to warm-start from a previous study.
 *
 * @example
 * import { bestTrial, complete, createAgingEvolution, runOptimization } from "@cosearch/optimize"
 * const optimizer = createAgingEvolution(space, { directions: ["maximize"], seed: 0 })
 * runOptimization(optimizer, (params) => complete([accuracyOf(params)]), { budget: 100 })
 * bestTrial(["maximize"], optimizer.history)?.params
 *
 * @packageDocumentation
 */

export { expectedImprovement, positiveSquash, probabilityBelow, upperConfidenceBound } from "./bayes/acquisition.js"
export { type AcquisitionModels, type AcquisitionRule, imaginePending, incumbentOf, scoreCandidate } from "./bayes/acquisition-models.js"
export { type CandidateSettings, maximizeAcquisition } from "./bayes/candidates.js"
export { conditionOutput, extendOutput, fitPriorOutput } from "./bayes/condition-output.js"
export { createGpBo, type GpBoSettings, gpBoStrategy, surrogateSettingsOf } from "./bayes/gp-bo.js"
export { createHyperparameterChain, type HyperparameterChain } from "./bayes/hyperparameter-chain.js"
export {
  constraintOutput,
  evaluableOutput,
  type ModeledOutput,
  objectiveOutput,
  objectiveRanges,
  scalarizedOutput,
} from "./bayes/outputs.js"
export type { OutputModel, SurrogateSettings } from "./bayes/surrogate.js"
export { predictOutput } from "./bayes/surrogate.js"
export { buildTrainingData, recordVector, type TrainingData } from "./bayes/training-data.js"
export {
  DEFAULT_SCREEN,
  fitTransferModels,
  screenedMutant,
  screenIncumbent,
  TRANSFER_UPDATE_POINTS,
  TRANSFER_UPDATE_STEP,
  type TransferModels,
  updateTransferModels,
} from "./bayes/transfer-screen.js"
export { budgetShares, memberCredits, trialRewards } from "./ensemble/credit.js"
export { createP3bo, defaultP3boMembers, type P3boSettings, p3boStrategy } from "./ensemble/p3bo.js"
export { type AgingEvolutionSettings, agingEvolutionStrategy, createAgingEvolution } from "./evolution/aging-evolution.js"
export { tournament } from "./evolution/tournament.js"
export { conditionGaussianProcess, type GaussianProcess, type Prediction, predict } from "./gp/gaussian-process.js"
export type { GpData } from "./gp/gp-data.js"
export { DEFAULT_BOUNDS, defaultHyperparameters, type HyperparameterBounds, type Hyperparameters, logBounds } from "./gp/hyperparameters.js"
export { covarianceMatrix, type FitOptions, fitHyperparameters, logMarginalLikelihood } from "./gp/likelihood.js"
export { matern52, matern52Slope, scaledDistance } from "./gp/matern.js"
export { normalCdf, normalPdf, normalQuantile } from "./gp/normal.js"
export { type OutputTransform, type TransformedTargets, transformTargets } from "./gp/output-transform.js"
export { type CholeskyFactor, type CholeskyResult, choleskyWithJitter, type JitterOptions } from "./linalg/cholesky.js"
export { choleskySolve, inverseFromCholesky, logDeterminant, solveLower, solveLowerTransposed } from "./linalg/triangular.js"
export { createNsga2, type Nsga2Settings, nsga2Strategy } from "./nsga2/nsga2.js"
export { binaryTournament, type RankedPopulation, rankPopulation, selectSurvivors } from "./nsga2/selection.js"
export { type CommonSettings, createOptimizer, type Optimizer } from "./optimizer/optimizer.js"
export type {
  EntrySettings,
  NoOwnSettings,
  OptimizerEntry,
  OptimizerSettingFields,
  OwnSettings,
  SettingIssue,
} from "./optimizer/optimizer-entry.js"
export { type RunOptions, runOptimization } from "./optimizer/run.js"
export { createRandomSearch, randomStrategy } from "./random-search/random-search.js"
export { bestTrial, bestTrials, isFeasible, paretoFront } from "./ranking/best.js"
export { compareRecords, constrainedDominates, dominates } from "./ranking/dominance.js"
export { hypervolume2d } from "./ranking/hypervolume.js"
export { crowdingDistances, nonDominatedFronts } from "./ranking/non-dominated-sort.js"
export {
  createOptimizerByName,
  type NamedOptimizerSettings,
  type OptimizerSettingSchemas,
  optimizerEntries,
  optimizerNames,
  optimizerSettingFields,
  optimizerSettingIssues,
  optimizerSettingOwners,
} from "./registry/registry.js"
export type { PredictionContext, Predictions, Predictor } from "./screen/predictor.js"
export { DEFAULT_SCREEN_CANDIDATES, type ScreenSettings, screenedStrategy, screenOrder } from "./screen/screened-strategy.js"
export { DEFAULT_NOVELTY_TRIES, mutateNovel, sampleNovel } from "./strategy/novel.js"
export type { Proposal, ProposalContext, Strategy } from "./strategy/strategy.js"
export { rankedSeeds, type WarmStart, warmStartRecords } from "./transfer/warm-start.js"
export { constraintValue, type StudyConstraint, type StudyObjective } from "./trial/objective.js"
export { genomeKey, type TrialRecord, toRecord } from "./trial/record.js"
export {
  complete,
  type Direction,
  type FinishedState,
  failed,
  finishedStates,
  finishedTrial,
  infeasible,
  type MetricValue,
  type Trial,
  type TrialProposal,
  type TrialResult,
  type TrialState,
} from "./trial/trial.js"
