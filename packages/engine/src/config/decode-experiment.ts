import { readFile } from "node:fs/promises"
import { dirname, resolve } from "node:path"
import { optimizerSettingIssues, optimizerSettingOwners } from "@cosearch/optimize"
import { schemaIssues } from "@cosearch/space"
import { Data, Effect, Either, Schema } from "effect"
import { checkEvaluator, evaluatorOutputs } from "../evaluators/registry.js"
import { type ConfigIssue, formatConfigIssues, within } from "../issues/config-issue.js"
import { screenModels } from "../screen/screen-check.js"
import { resolveStudySpace } from "../spaces/study-space.js"
import { DEFAULT_BATCH, type Experiment, experimentHash } from "./experiment.js"
import { type ExperimentConfig, ExperimentSchema } from "./experiment-schema.js"

/**
 * An experiment that is not valid, with every problem found. The CLI prints them and exits 2.
 *
 * @example
 * Effect.catchTag("ConfigError", (error) => Console.error(error.message))
 */
export class ConfigError extends Data.TaggedError("ConfigError")<{ readonly source: string; readonly issues: readonly ConfigIssue[] }> {
  override get message(): string {
    const indented = formatConfigIssues(this.issues)
      .split("\n")
      .map((line) => `  ${line}`)
      .join("\n")
    return `experiment ${this.source} is not valid:\n${indented}`
  }
}

/**
 * An experiment file that cannot be read at all.
 *
 * @example
 * Effect.catchTag("ExperimentFileError", (error) => Console.error(error.message))
 */
export class ExperimentFileError extends Data.TaggedError("ExperimentFileError")<{ readonly message: string }> {}

/** The rules across fields, once the form is right. */
const crossFieldIssues = (config: ExperimentConfig): ConfigIssue[] => {
  const issues: ConfigIssue[] = []
  const seen = new Set<string>()
  for (const [index, objective] of config.objectives.entries()) {
    if (seen.has(objective.metric))
      issues.push({ path: `objectives[${index}].metric`, message: `"${objective.metric}" is already an objective` })
    seen.add(objective.metric)
  }
  for (const [index, constraint] of (config.constraints ?? []).entries()) {
    if ((constraint.max === undefined) === (constraint.min === undefined)) {
      issues.push({ path: `constraints[${index}]`, message: `expected exactly one of "max" or "min" for metric "${constraint.metric}"` })
    }
  }
  const { optimizer } = config
  for (const [setting, owners] of Object.entries(optimizerSettingOwners)) {
    if ((optimizer as Record<string, unknown>)[setting] !== undefined && !owners.includes(optimizer.name)) {
      issues.push({ path: `optimizer.${setting}`, message: `applies to ${owners.join(" and ")} only, not to "${optimizer.name}"` })
    }
  }
  for (const { setting, message } of optimizerSettingIssues(optimizer.name, optimizer))
    issues.push({ path: `optimizer.${setting}`, message })
  if (config.budget.target !== undefined && config.objectives.length !== 1) {
    issues.push({ path: "budget.target", message: `expected one objective to reach a target, got ${config.objectives.length} objectives` })
  }
  return issues
}

/**
 * The objectives and constraints naming a metric the evaluator does not give (`outputs`, its
 * declared metrics): a study of them would fail every trial.
 */
const undeclaredMetricIssues = (config: ExperimentConfig, outputs: readonly string[]): ConfigIssue[] => {
  const given = new Set(outputs)
  const available = outputs.length === 0 ? "none" : outputs.join(", ")
  const named = [
    ...config.objectives.map((objective, index) => ({ path: `objectives[${index}].metric`, metric: objective.metric })),
    ...(config.constraints ?? []).map((constraint, index) => ({ path: `constraints[${index}].metric`, metric: constraint.metric })),
  ]
  return named
    .filter(({ metric }) => !given.has(metric))
    .map(({ path, metric }) => ({
      path,
      message: `expected a metric the evaluator gives (${available}), got ${JSON.stringify(metric)}`,
    }))
}

/**
 * Decodes and checks an experiment document: its form (Effect Schema, unknown keys refused), the
 * rules across fields, the space, the evaluator against the space, and the metrics the objectives
 * and constraints name against those the evaluator declares (see `EvaluatorKind.outputs`). Fails with a `ConfigError`
 * listing every problem; reads files the evaluator names but writes nothing.
 *
 * @example
 * const experiment = yield* decodeExperiment(JSON.parse(text), { source: "exp.json", baseDirectory: "." })
 */
export const decodeExperiment = (
  raw: unknown,
  options: { readonly source: string; readonly baseDirectory: string },
): Effect.Effect<Experiment, ConfigError> =>
  Effect.gen(function* () {
    const fail = (issues: readonly ConfigIssue[]) => new ConfigError({ source: options.source, issues })
    const decoded = Schema.decodeUnknownEither(ExperimentSchema)(raw, { errors: "all", onExcessProperty: "error" })
    if (Either.isLeft(decoded)) {
      return yield* fail(schemaIssues(decoded.left, raw, {}))
    }
    const config = decoded.right
    const issues = crossFieldIssues(config)
    const resolved = resolveStudySpace(config.space)
    if (Either.isLeft(resolved)) return yield* fail([...issues, ...resolved.left])
    const { space, entry } = resolved.right
    const context = { space, entry, baseDirectory: options.baseDirectory }
    const evaluatorIssues = yield* Effect.tryPromise({
      try: () => checkEvaluator(config.evaluator, context),
      catch: (error) =>
        fail([{ path: "evaluator", message: `cannot be checked: ${error instanceof Error ? error.message : String(error)}` }]),
    })
    issues.push(...within("evaluator", evaluatorIssues))
    if (evaluatorIssues.length === 0) {
      const outputs = yield* Effect.tryPromise({
        try: () => evaluatorOutputs(config.evaluator, context),
        catch: (error) =>
          fail([{ path: "evaluator", message: `cannot be checked: ${error instanceof Error ? error.message : String(error)}` }]),
      })
      if (outputs !== undefined) issues.push(...undeclaredMetricIssues(config, outputs))
    }
    if (config.optimizer.screen !== undefined) {
      const constraints = config.constraints ?? []
      issues.push(...within("optimizer.screen", screenModels(config.optimizer.screen, context, config.objectives, constraints).issues))
    }
    if (issues.length > 0) return yield* fail(issues)
    return {
      raw,
      config,
      name: config.name,
      space,
      spaceSpec: config.space,
      entry,
      evaluator: config.evaluator,
      objectives: config.objectives,
      constraints: config.constraints ?? [],
      seed: String(config.seed ?? 0),
      batch: config.optimizer.batch ?? DEFAULT_BATCH,
      hash: experimentHash(config),
      baseDirectory: options.baseDirectory,
    }
  })

/**
 * Reads, decodes and checks an experiment file; relative paths in it are read from its folder.
 *
 * @example
 * const experiment = yield* loadExperimentFile("experiments/nb201-coral.json")
 */
export const loadExperimentFile = (path: string): Effect.Effect<Experiment, ConfigError | ExperimentFileError> =>
  Effect.gen(function* () {
    const text = yield* Effect.tryPromise({
      try: () => readFile(path, "utf8"),
      catch: (error) =>
        new ExperimentFileError({
          message:
            (error as { code?: string }).code === "ENOENT"
              ? `experiment file "${path}" does not exist`
              : `cannot read experiment file "${path}": ${(error as Error).message}`,
        }),
    })
    const raw = yield* Effect.try({
      try: (): unknown => JSON.parse(text),
      catch: (error) =>
        new ConfigError({
          source: path,
          issues: [{ path: "(root)", message: `expected JSON, got a syntax error: ${(error as Error).message}` }],
        }),
    })
    return yield* decodeExperiment(raw, { source: path, baseDirectory: dirname(resolve(path)) })
  })
