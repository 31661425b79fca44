import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { decodeExperiment, type Experiment, type RunStudyOptions, runStudy, type StudyReport } from "@cosearch/engine"
import { openSqliteStore, type SqliteStudyStore } from "@cosearch/store"
import { Effect } from "effect"

/** The folder of the test fixtures: relative paths in test experiments are read from here. */
export const fixtures = join(import.meta.dirname, "fixtures")

/** A fresh database file in a temporary folder. */
export const freshDatabase = (): string => join(mkdtempSync(join(tmpdir(), "cosearch-engine-")), "study.db")

/**
 * A valid experiment over nb201 scored by fixtures/score.mjs; `overrides` replace top-level fields
 * (an undefined override removes the field).
 */
export const scoreExperiment = (overrides: Record<string, unknown> = {}): Record<string, unknown> => {
  const experiment: Record<string, unknown> = {
    name: "score",
    space: "nb201",
    evaluator: { kind: "module", module: "score.mjs" },
    objectives: [{ metric: "score", direction: "maximize" }],
    constraints: [{ metric: "cost", max: 40 }],
    optimizer: { name: "evolution", population: 10, sampleSize: 3, batch: 4 },
    budget: { trials: 24 },
    seed: 5,
    ...overrides,
  }
  for (const [key, value] of Object.entries(experiment)) if (value === undefined) delete experiment[key]
  return experiment
}

/** Decodes a test experiment, failing the test with the issues when it is invalid. */
export const experimentOf = (raw: unknown): Promise<Experiment> =>
  Effect.runPromise(decodeExperiment(raw, { source: "test", baseDirectory: fixtures }))

/** Runs a study to its end in this process. */
export const runToEnd = async (raw: unknown, store: SqliteStudyStore, options: Omit<RunStudyOptions, "store"> = {}): Promise<StudyReport> =>
  Effect.runPromise(runStudy(await experimentOf(raw), { workers: 2, ...options, store }))

/** Opens a database file. */
export const storeAt = (path: string): SqliteStudyStore => openSqliteStore(path)
