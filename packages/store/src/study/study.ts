import type { StudyConstraint, StudyObjective, TrialState } from "@cosearch/optimize"

/**
 * What a new study is made of. `config` is the experiment as written (JSON), `configHash` what
 * decides whether a later run may continue the study.
 *
 * @example
 * const input: NewStudy = { name: "nb201", config, configHash: "3f2a...", space: spaceJson,
 *   objectives: [{ metric: "accuracy", direction: "maximize" }], constraints: [], seed: "0" }
 */
export interface NewStudy {
  readonly name: string
  readonly config: unknown
  readonly configHash: string
  /** The space in its JSON form (`encodeSpaceJson`) or a built-in space's name. */
  readonly space: unknown
  readonly objectives: readonly StudyObjective[]
  readonly constraints: readonly StudyConstraint[]
  readonly seed: string
}

/**
 * A stored study.
 *
 * @example
 * const study = await store.findStudy("nb201")
 * if (study !== undefined) console.log(study.id, study.createdAt)
 */
export interface Study extends NewStudy {
  readonly id: number
  /** Milliseconds since the epoch. */
  readonly createdAt: number
}

/**
 * How many trials of a study are in each state.
 *
 * @example
 * const counts = await store.countTrials(study.id)
 * counts.complete + counts.failed + counts.infeasible // finished
 */
export type TrialCounts = Readonly<Record<TrialState, number>> & { readonly total: number }

/**
 * A study with its trial counts, for listings.
 *
 * @example
 * for (const { study, counts } of await store.listStudies()) console.log(study.name, counts.complete)
 */
export interface StudySummary {
  readonly study: Study
  readonly counts: TrialCounts
}
