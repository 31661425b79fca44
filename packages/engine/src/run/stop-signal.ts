/**
 * A request to stop a running study gracefully: no new trials are claimed; running ones finish
 * and are recorded. (Interrupting the run's fiber stops at once and puts running trials back to
 * waiting.)
 *
 * @example
 * const stop = createStopSignal()
 * process.once("SIGINT", () => stop.request())
 */
export interface StopSignal {
  readonly requested: boolean
  readonly request: () => void
}

/**
 * A fresh stop signal.
 *
 * @example
 * const stop = createStopSignal()
 */
export const createStopSignal = (): StopSignal => {
  let requested = false
  return {
    get requested() {
      return requested
    },
    request: () => {
      requested = true
    },
  }
}
