/**
 * `@cosearch/engine`: runs cosearch studies from experiment files. Decodes and checks an
 * experiment (Effect Schema, every problem with its JSON path), opens or resumes its study in a
 * `StudyStore`, plans deterministic batches with the study's optimizer, evaluates them in a
 * Piscina pool and records every trial, so that a killed run resumes to the same trials.
 *
 * @example
 * import { loadExperimentFile, runStudy } from "@cosearch/engine"
 * import { openSqliteStore } from "@cosearch/store"
 * const program = Effect.gen(function* () {
 *   const experiment = yield* loadExperimentFile("experiments/nb201-coral.json")
 *   return yield* runStudy(experiment, { store: openSqliteStore("cosearch.db"), workers: 2 })
 * })
 *
 * @packageDocumentation
 */

export { type ConfigIssue, formatConfigIssues } from "./config/config-issue.js"
export { ConfigError, decodeExperiment, ExperimentFileError, loadExperimentFile } from "./config/decode-experiment.js"
export { DEFAULT_BATCH, type Experiment, experimentHash } from "./config/experiment.js"
export { type EvaluatorConfig, type ExperimentConfig, ExperimentSchema } from "./config/experiment-schema.js"
export { type CommandSettings, commandEvaluator } from "./evaluators/command.js"
export { type AreaSettings, areaEvaluator, areaEvaluatorOf } from "./evaluators/cost/area-evaluator.js"
export { acceleratorPart, type CostSettings, costEvaluator, costEvaluatorOf } from "./evaluators/cost/cost-evaluator.js"
export { clearNetworkCache, type NetworkCacheStats, networkCacheStats } from "./evaluators/cost/network-cache.js"
export {
  type Candidate,
  candidateOf,
  type Evaluate,
  type Evaluation,
  type EvaluatorContext,
  type EvaluatorKind,
  evaluationOf,
} from "./evaluators/evaluator.js"
export { type ModuleSettings, moduleEvaluator } from "./evaluators/module.js"
export { type Nb201TableSettings, nb201TableEvaluator } from "./evaluators/nb201-table.js"
export { checkEvaluator, compositeEvaluator, createEvaluator, evaluatorKinds } from "./evaluators/registry.js"
export { sampleParts } from "./evaluators/sample-parts.js"
export { runLengths } from "./evaluators/system/run-lengths.js"
export { type MixAggregate, type SystemSettings, systemEvaluator } from "./evaluators/system/system-evaluator.js"
export { type BatchPlanner, createBatchPlanner, createStudyOptimizer } from "./run/batch-planner.js"
export { type RunStudyOptions, runStudy, type StudyReport } from "./run/run-study.js"
export { createStopSignal, type StopSignal } from "./run/stop-signal.js"
export type { StopReason, StudyEvent } from "./run/study-event.js"
export { heteroSystemEntry, heteroSystemSlotsOf, heteroSystemSpace } from "./spaces/hetero-system.js"
export { jointSpace } from "./spaces/joint-space.js"
export { type DecodedConfiguration, decodedParts, type NamedSpace, networkPartOf } from "./spaces/named-space.js"
export { builtInSpaceNames, builtInSpaces, lookupSpace, type SpaceLookup } from "./spaces/registry.js"
export { resolveStudySpace, type StudySpace } from "./spaces/study-space.js"
export { type OpenedStudy, openStudy, StorageError, StudyConflictError } from "./study/open-study.js"
export { trialResultOf } from "./study/trial-result.js"
export { createFeaturiser, FeaturiseError, type Featuriser, type FeaturiserSpec } from "./surrogate/featuriser.js"
export {
  csvRows,
  defaultNetworkColumn,
  type LabelledRows,
  readCsv,
  type SplitRule,
  splitRows,
  studyFeaturiserSpec,
  studyRows,
} from "./surrogate/labelled-rows.js"
export { type ModelFile, type ModelMeta, readModelFile, writeModelFile } from "./surrogate/model-file.js"
export { type SamplingOptions, samplingExperiment } from "./surrogate/sampling.js"
export { exactEvaluator, screenModels } from "./surrogate/screen-check.js"
export {
  DEFAULT_ONLINE_MIN_TRIALS,
  fileModelPredictor,
  onlinePredictor,
  type ScreenConfig,
  screenSettingsOf,
  withExactMetrics,
} from "./surrogate/screen-predictor.js"
export { loadStudyModels } from "./surrogate/study-models.js"
export { modelPaths, type SurrogateSettings, surrogateEvaluator } from "./surrogate/surrogate-evaluator.js"
