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

export { ConfigError, decodeExperiment, ExperimentFileError, loadExperimentFile } from "./config/decode-experiment.js"
export { DEFAULT_BATCH, type Experiment, experimentHash } from "./config/experiment.js"
export { type ExperimentConfig, ExperimentSchema } from "./config/experiment-schema.js"
export { type SamplingOptions, samplingExperiment } from "./config/sampling.js"
export { StudyNameSchema, studyNameProblem } from "./config/study-name.js"
export { areaEntry, areaEvaluator, areaEvaluatorOf } from "./evaluators/area/area-evaluator.js"
export { type AreaSettings, AreaSettingsSchema } from "./evaluators/area/schema.js"
export { commandEntry, commandEvaluator } from "./evaluators/command/command.js"
export { type CommandSettings, CommandSettingsSchema } from "./evaluators/command/schema.js"
export { compositeEvaluatorOf, type EvaluatorDispatch } from "./evaluators/composite/composite-evaluator.js"
export { type CompositeSettings, compositeSettingsSchema } from "./evaluators/composite/schema.js"
export { acceleratorPart, costEntry, costEvaluator, costEvaluatorOf, costRunOf } from "./evaluators/cost/cost-evaluator.js"
export { clearNetworkCache, type NetworkCacheStats, networkCacheStats } from "./evaluators/cost/network-cache.js"
export { type CostSettings, CostSettingsSchema } from "./evaluators/cost/schema.js"
export { type TrialLayerCostsResult, trialLayerCosts } from "./evaluators/cost/trial-layer-costs.js"
export { OutputsField, withDeclaredOutputs } from "./evaluators/declared-outputs.js"
export {
  type Candidate,
  candidateOf,
  type Evaluate,
  type Evaluation,
  type EvaluatorContext,
  type EvaluatorEntry,
  type EvaluatorKind,
  evaluationOf,
} from "./evaluators/evaluator.js"
export { moduleEntry, moduleEvaluator } from "./evaluators/module/module.js"
export { type ModuleSettings, ModuleSettingsSchema } from "./evaluators/module/schema.js"
export { nb201TableEntry, nb201TableEvaluator } from "./evaluators/nb201-table/nb201-table.js"
export { type Nb201TableSettings, Nb201TableSettingsSchema } from "./evaluators/nb201-table/schema.js"
export {
  checkEvaluator,
  compositeEvaluator,
  createEvaluator,
  type EvaluatorConfig,
  EvaluatorSchema,
  evaluatorEntries,
  evaluatorKinds,
  evaluatorOutputs,
} from "./evaluators/registry.js"
export { sampleParts } from "./evaluators/sample-parts.js"
export { ModelFilesSchema, type SurrogateSettings, SurrogateSettingsSchema } from "./evaluators/surrogate/schema.js"
export { modelPaths, surrogateEntry, surrogateEvaluator } from "./evaluators/surrogate/surrogate-evaluator.js"
export { runLengths } from "./evaluators/system/run-lengths.js"
export { type MixAggregate, type SystemSettings, SystemSettingsSchema } from "./evaluators/system/schema.js"
export { systemEntry, systemEvaluator } from "./evaluators/system/system-evaluator.js"
export { type ConfigIssue, formatConfigIssues } from "./issues/config-issue.js"
export { type BatchPlanner, createBatchPlanner, createStudyOptimizer } from "./run/batch-planner.js"
export { type RunStudyOptions, runStudy, type StudyReport } from "./run/run-study.js"
export { runWorker, storedExperiment, type WorkerOptions, type WorkerReport, WorkerStudyError } from "./run/run-worker.js"
export { createStopSignal, type StopSignal } from "./run/stop-signal.js"
export type { StopReason, StudyEvent } from "./run/study-event.js"
export { type ScreenConfig, ScreenSchema } from "./screen/schema.js"
export { exactEvaluator, screenModels } from "./screen/screen-check.js"
export {
  DEFAULT_ONLINE_MIN_TRIALS,
  fileModelPredictor,
  onlinePredictor,
  screenSettingsOf,
  withExactMetrics,
} from "./screen/screen-predictor.js"
export { heteroSystemEntry, heteroSystemSlotsOf, heteroSystemSpace } from "./spaces/hetero-system.js"
export { jointSpace } from "./spaces/joint-space.js"
export { type DecodedConfiguration, decodedParts, type NamedSpace, networkPartOf } from "./spaces/named-space.js"
export { builtInSpaceNames, builtInSpaces, lookupSpace, type SpaceLookup } from "./spaces/registry.js"
export { resolveStudySpace, type StudySpace } from "./spaces/study-space.js"
export { type OpenedStudy, openStudy, StorageError, StudyConflictError, StudyMissingError } from "./study/open-study.js"
export { trialResultOf } from "./study/trial-result.js"
export { createFeaturizer, FeaturizeError, type Featurizer, type FeaturizerSpec } from "./surrogate/featurizer.js"
export { cachedModelFile, clearModelCache, type ModelCacheStats, modelCacheStats } from "./surrogate/model-cache.js"
export { type ModelFile, type ModelMeta, readModelFile, writeModelFile } from "./surrogate/model-file.js"
export { loadStudyModels } from "./surrogate/study-models.js"
export {
  csvRows,
  defaultNetworkColumn,
  type LabeledRows,
  readCsv,
  type SplitRule,
  splitRows,
  studyFeaturizerSpec,
  studyRows,
} from "./training/labeled-rows.js"
