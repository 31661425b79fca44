import type { StudyConstraint, StudyObjective, Trial } from "@cosearch/optimize"
import type { StudyStore } from "@cosearch/store"

/**
 * A study as the report and the dashboard read it: plain data (JSON), its objectives and its
 * trials in number order.
 *
 * @example
 * const study = await loadReportStudy(store, "quickstart")
 * study.trials.filter((trial) => trial.state === "complete").length
 */
export interface ReportStudy {
  readonly name: string
  readonly objectives: readonly StudyObjective[]
  /** The study's constraints, in the order of each trial's `constraints`. */
  readonly constraints: readonly StudyConstraint[]
  /** The experiment config the study was started from, as stored. */
  readonly config: unknown
  readonly trials: readonly Trial[]
}

/**
 * Reads a study and all its trials from a store; undefined when no study has that name.
 *
 * @example
 * const study = await loadReportStudy(openSqliteStore("cosearch.db"), "quickstart")
 */
export const loadReportStudy = async (store: StudyStore, name: string): Promise<ReportStudy | undefined> => {
  const study = await store.findStudy(name)
  if (study === undefined) return undefined
  const trials = await store.trials(study.id)
  return {
    name: study.name,
    objectives: study.objectives,
    constraints: study.constraints,
    config: study.config,
    trials: [...trials].sort((a, b) => a.number - b.number),
  }
}
