import type { TrialState } from "@cosearch/optimize"
import type { Study, TrialCounts } from "@cosearch/store"

/**
 * Why a run ended: the trial budget is spent, the wall time is up, the target was reached, or a
 * stop was requested.
 *
 * @example
 * const reason: StopReason = "budget"
 */
export type StopReason = "budget" | "wall-time" | "target" | "stopped"

/**
 * What a run reports as it goes, for progress bars and logs.
 *
 * - `started`: the study, whether it was resumed, its counts, the budget and the workers.
 * - `requeued`: running trials of dead processes put back to waiting.
 * - `trial`: a trial this run finished, with the study's counts and the best value so far.
 * - `stopping`: no more trials will be claimed.
 *
 * @example
 * const onEvent = (event: StudyEvent) => { if (event.kind === "trial") console.log(event.number, event.state) }
 */
export type StudyEvent =
  | {
      readonly kind: "started"
      readonly study: Study
      readonly resumed: boolean
      readonly counts: TrialCounts
      readonly budget: number
      readonly workers: number
    }
  | { readonly kind: "requeued"; readonly count: number }
  | {
      readonly kind: "trial"
      readonly number: number
      readonly state: TrialState
      readonly error: string | undefined
      readonly values: readonly number[] | undefined
      readonly counts: TrialCounts
      readonly budget: number
      /** The best feasible value of the first objective seen so far, if any. */
      readonly best: number | undefined
      /** Trials this run finished, and its elapsed milliseconds. */
      readonly finishedThisRun: number
      readonly elapsedMs: number
    }
  | { readonly kind: "stopping"; readonly reason: StopReason }
