import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { ConfigError, decodeExperiment, experimentHash, loadExperimentFile } from "@cosearch/engine"
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { fixtures, scoreExperiment } from "./engine-test-kit.js"

/** The issue lines of a config, or [] when it is valid. */
const problems = async (raw: unknown): Promise<string[]> => {
  const result = await Effect.runPromise(Effect.either(decodeExperiment(raw, { source: "test.json", baseDirectory: fixtures })))
  return Either.isRight(result) ? [] : result.left.issues.map((issue) => `${issue.path}: ${issue.message}`)
}

const nb201Table = { kind: "nb201-table" }

// Each rule: a change to a valid experiment and the one message it must give.
const rules: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
  [
    "a positive population",
    { optimizer: { name: "evolution", population: -3 } },
    "optimizer.population: expected a positive integer, got -3",
  ],
  ["a positive trial budget", { budget: { trials: 0 } }, "budget.trials: expected a positive integer, got 0"],
  ["a positive batch", { optimizer: { name: "random", batch: 1.5 } }, "optimizer.batch: expected a positive integer, got 1.5"],
  [
    "a known optimizer",
    { optimizer: { name: "tpe" } },
    'optimizer.name: expected "random", "evolution", "nsga2", "gp-bo", "gp-bo-ucb", "p3bo", got "tpe"',
  ],
  ["at least one objective", { objectives: [] }, "objectives: expected a non-empty list of objectives, got []"],
  [
    "a direction",
    { objectives: [{ metric: "score", direction: "up" }] },
    'objectives[0].direction: expected "minimize" or "maximize", got "up"',
  ],
  ["a study name", { name: "" }, 'name: expected a study name (not blank, without control characters), got ""'],
  ["a study name that is not blank", { name: "  " }, 'name: expected a study name (not blank, without control characters), got "  "'],
  [
    "a study name without control characters",
    { name: "a\u001b[2Jb" },
    'name: expected a study name (not blank, without control characters), got "a\\u001b[2Jb"',
  ],
  [
    "a warm-start study name",
    { optimizer: { name: "evolution", warmStart: { study: "" } } },
    'optimizer.warmStart.study: expected a study name (not blank, without control characters), got ""',
  ],
  [
    "a trial budget of at most a billion",
    { budget: { trials: 1e12 } },
    "budget.trials: expected a positive integer up to 1000000000, got 1000000000000",
  ],
  ["a finite trial budget", { budget: { trials: Number.POSITIVE_INFINITY } }, "budget.trials: expected a positive integer, got Infinity"],
  ["a trial budget that is a number", { budget: { trials: Number.NaN } }, "budget.trials: expected a positive integer, got NaN"],
  [
    "a finite wall time",
    { budget: { trials: 5, wallTimeSeconds: Number.POSITIVE_INFINITY } },
    "budget.wallTimeSeconds: expected a positive number, got Infinity",
  ],
  [
    "a wall time of at most 1e9 s",
    { budget: { trials: 5, wallTimeSeconds: 1e308 } },
    "budget.wallTimeSeconds: expected a positive number up to 1000000000, got 1e+308",
  ],
  [
    "a batch of at most 65536",
    { optimizer: { name: "random", batch: 1e6 } },
    "optimizer.batch: expected a positive integer up to 65536, got 1000000",
  ],
  ["a finite timeout", { execution: { timeoutSeconds: Number.NaN } }, "execution.timeoutSeconds: expected a positive number, got NaN"],
  ["at most 1000 retries", { execution: { retries: 1e9 } }, "execution.retries: expected a whole number up to 1000, got 1000000000"],
  ["an integer or text seed", { seed: 1.5 }, "seed: expected an integer or a string, got 1.5"],
  ["a positive wall time", { budget: { trials: 5, wallTimeSeconds: -1 } }, "budget.wallTimeSeconds: expected a positive number, got -1"],
  ["a finite target", { budget: { trials: 5, target: "high" } }, 'budget.target: expected a finite number, got "high"'],
  ["retries of 0 or more", { execution: { retries: -1 } }, "execution.retries: expected a whole number (0 or more), got -1"],
  ["a positive timeout", { execution: { timeoutSeconds: 0 } }, "execution.timeoutSeconds: expected a positive number, got 0"],
  ["no unknown keys", { optimizer: { name: "evolution", populaton: 5 } }, "optimizer.populaton: is unexpected"],
  [
    "a positive screen for a warm start",
    { optimizer: { name: "evolution", warmStart: { study: "source", screen: 0 } } },
    "optimizer.warmStart.screen: expected a positive integer, got 0",
  ],
  ["the required sections", { budget: undefined }, "budget: is missing"],
  [
    "a known evaluator kind",
    { evaluator: { kind: "oracle" } },
    'evaluator.kind: expected "nb201-table" or "cost" or "area" or "system" or "command" or "module" or "surrogate" or "composite", got "oracle"',
  ],
  [
    "a command to run",
    { evaluator: { kind: "command", command: [] } },
    "evaluator.command: expected a non-empty list of strings (the program and its arguments), got []",
  ],
  [
    // Node's timers hold at most 2^31 - 1 ms: a longer timeout would fire at once.
    "a command timeout a timer can hold",
    { evaluator: { kind: "command", command: ["node", "score.mjs"], timeoutSeconds: 1e300 } },
    "evaluator.timeoutSeconds: expected a positive number up to 2147483, got 1e+300",
  ],
  [
    "distinct objectives",
    {
      objectives: [
        { metric: "score", direction: "maximize" },
        { metric: "score", direction: "minimize" },
      ],
    },
    'objectives[1].metric: "score" is already an objective',
  ],
  [
    "one bound per constraint",
    { constraints: [{ metric: "cost", max: 1, min: 0 }] },
    'constraints[0]: expected exactly one of "max" or "min" for metric "cost"',
  ],
  [
    "settings of the optimizer named",
    { optimizer: { name: "random", population: 10 } },
    'optimizer.population: applies to evolution and nsga2 only, not to "random"',
  ],
  [
    "a tournament within the population",
    { optimizer: { name: "evolution", population: 4, sampleSize: 6 } },
    "optimizer.sampleSize: expected at most the population (4), got 6",
  ],
  [
    "one objective for a target",
    {
      objectives: [
        { metric: "score", direction: "maximize" },
        { metric: "cost", direction: "minimize" },
      ],
      constraints: [],
      budget: { trials: 5, target: 3 },
    },
    "budget.target: expected one objective to reach a target, got 2 objectives",
  ],
  [
    "a built-in space",
    { space: "nb202" },
    'space: expected a built-in space (edgetpu-knobs, apollo-edgetpu-knobs, systolic-knobs, imac-knobs, nb201, fbnet, edgetpu-net, edgetpu-joint, nb201-edgetpu, hetero-system) or a space object, got "nb202"',
  ],
  [
    "a valid inline space",
    { space: { name: "s", parameters: [{ name: "x", kind: "ordinal", values: [] }] } },
    'space.parameters[0].values: parameter "x" needs at least one value, got []',
  ],
  [
    "an existing module",
    { evaluator: { kind: "module", module: "missing.mjs" } },
    `evaluator.module: expected a module file, got "${fixtures}/missing.mjs", which does not exist`,
  ],
  [
    "an NB201 space for the table",
    { space: "systolic-knobs", evaluator: nb201Table },
    'evaluator: the nb201-table evaluator needs a space with the six NB201 edges (edge_1_0, edge_2_0, edge_2_1, edge_3_0, edge_3_1, edge_3_2), alone or under a namespace; space "systolic-knobs" has none',
  ],
  [
    "an existing table",
    { evaluator: { kind: "nb201-table", table: "nope.csv" } },
    `evaluator.table: expected a readable CSV file, got "${fixtures}/nope.csv", which does not exist`,
  ],
  [
    "a column of the table",
    { evaluator: { kind: "nb201-table", accuracyColumn: "acc" } },
    "evaluator.accuracyColumn: expected a column of",
  ],
  [
    "a zoo network",
    { space: "systolic-knobs", evaluator: { kind: "cost", network: "alexnet9" } },
    'evaluator.network: expected a zoo network or a network file (.json, .csv, .m, .onnx), got "alexnet9"',
  ],
  [
    "a network to cost",
    { space: "systolic-knobs", evaluator: { kind: "cost" } },
    'evaluator.network: is missing: space "systolic-knobs" has no network part, so name a zoo network',
  ],
  [
    "an accelerator to cost",
    { evaluator: { kind: "cost" } },
    'evaluator.accelerator: is missing: space "nb201" has no accelerator knobs, so name a preset',
  ],
  [
    "a known preset",
    { evaluator: { kind: "cost", accelerator: "tpu-v9" } },
    'evaluator.accelerator: expected an accelerator preset, got "tpu-v9"',
  ],
  [
    "a known dataflow",
    { evaluator: { kind: "cost", accelerator: "eyeriss-v1-like", dataflow: "zz" } },
    'evaluator.dataflow: expected "auto" or a dataflow name, got "zz"',
  ],
  [
    "paths inside a composite",
    { evaluator: { kind: "composite", evaluators: [nb201Table, { kind: "cost", accelerator: "tpu-v9" }] } },
    'evaluator.evaluators[1].accelerator: expected an accelerator preset, got "tpu-v9"',
  ],
  [
    "an objective the evaluator gives",
    { evaluator: nb201Table, objectives: [{ metric: "acuracy", direction: "maximize" }], constraints: [] },
    'objectives[0].metric: expected a metric the evaluator gives (accuracy, coralLatencyMs, mflops, mparams), got "acuracy"',
  ],
  [
    "a constraint the evaluator gives",
    { evaluator: nb201Table, objectives: [{ metric: "accuracy", direction: "maximize" }], constraints: [{ metric: "latencyMs", max: 1 }] },
    'constraints[0].metric: expected a metric the evaluator gives (accuracy, coralLatencyMs, mflops, mparams), got "latencyMs"',
  ],
  [
    "metrics a composite's parts give",
    {
      space: "nb201-edgetpu",
      evaluator: { kind: "composite", evaluators: [nb201Table, { kind: "area" }] },
      objectives: [{ metric: "accuracy", direction: "maximize" }],
      constraints: [{ metric: "energyMj", max: 1 }],
    },
    'constraints[0].metric: expected a metric the evaluator gives (accuracy, coralLatencyMs, mflops, mparams, areaMm2), got "energyMj"',
  ],
  [
    "metrics a module declares in outputs",
    { evaluator: { kind: "module", module: "score.mjs", outputs: ["score"] } },
    'constraints[0].metric: expected a metric the evaluator gives (score), got "cost"',
  ],
  [
    "metrics a command declares in outputs",
    { evaluator: { kind: "command", command: ["node", "score.mjs"], outputs: ["score", "costs"] } },
    'constraints[0].metric: expected a metric the evaluator gives (score, costs), got "cost"',
  ],
  [
    "a non-empty outputs list",
    { evaluator: { kind: "module", module: "score.mjs", outputs: [] } },
    "evaluator.outputs: expected a non-empty list of metric names, got []",
  ],
]

describe("experiment configs", () => {
  it("accepts the valid base experiment", async () => {
    expect(await problems(scoreExperiment())).toEqual([])
  })

  it.each(rules)("needs %s", async (_, change, message) => {
    const found = await problems(scoreExperiment(change))
    expect(found).toHaveLength(1)
    expect(found[0]?.startsWith(message)).toBe(true)
  })

  it("checks metrics against an evaluator's declared outputs only", async () => {
    // module and command evaluators without `outputs` give the user's metrics, unchecked
    expect(await problems(scoreExperiment({ evaluator: { kind: "command", command: ["node", "score.mjs"] } }))).toEqual([])
    expect(await problems(scoreExperiment({ evaluator: { kind: "module", module: "score.mjs", outputs: ["score", "cost"] } }))).toEqual([])
    const mixed = { kind: "composite", evaluators: [nb201Table, { kind: "module", module: "score.mjs" }] }
    expect(await problems(scoreExperiment({ evaluator: mixed }))).toEqual([])
  })

  it("accepts every shipped experiment", async () => {
    const folder = join(import.meta.dirname, "../../../experiments")
    const files = readdirSync(folder).filter((file) => file.endsWith(".json"))
    const studies = files.filter((file) => "objectives" in (JSON.parse(readFileSync(join(folder, file), "utf8")) as object))
    expect(studies.length).toBeGreaterThan(5)
    for (const file of studies) {
      const result = await Effect.runPromise(Effect.either(loadExperimentFile(join(folder, file))))
      expect(Either.isRight(result) ? "valid" : result.left.message, file).toBe("valid")
    }
  })

  it("lists every problem at once, each with its path", async () => {
    const found = await problems(scoreExperiment({ optimizer: { name: "evolution", population: -3 }, budget: { trials: 0 }, seed: 1.5 }))
    expect(found).toEqual([
      "optimizer.population: expected a positive integer, got -3",
      "budget.trials: expected a positive integer, got 0",
      "seed: expected an integer or a string, got 1.5",
    ])
    const error = new ConfigError({ source: "exp.json", issues: [{ path: "a", message: "b" }] })
    expect(error.message).toBe("experiment exp.json is not valid:\n  a: b")
  })

  it("hashes what decides the trials, not the name, budget or execution", async () => {
    const base = scoreExperiment() as Parameters<typeof experimentHash>[0]
    const same = { ...base, name: "other", budget: { trials: 999 }, execution: { retries: 2 } }
    expect(experimentHash(same)).toBe(experimentHash(base))
    expect(experimentHash({ ...base, seed: 6 })).not.toBe(experimentHash(base))
    expect(experimentHash({ ...base, optimizer: { name: "evolution", population: 10, sampleSize: 3, batch: 8 } })).not.toBe(
      experimentHash(base),
    )
  })
})
