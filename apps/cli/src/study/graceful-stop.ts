import { createStopSignal, type StopSignal } from "@cosearch/engine"
import { Effect, Fiber } from "effect"

/**
 * Runs a study-running effect so that signals stop it gracefully: the first SIGINT / SIGTERM
 * requests a stop (no new trials are claimed, running ones finish and are recorded) and says so
 * on stderr; a second one interrupts the run, which puts its running trials back to waiting. The
 * runtime sets exit code 130 after a signal (see bin.ts).
 *
 * @example
 * const report = yield* runStoppable((stop) => runStudy(experiment, { store, stop }))
 */
export const runStoppable = <A, E>(start: (stop: StopSignal) => Effect.Effect<A, E>): Effect.Effect<A, E> =>
  Effect.gen(function* () {
    const stop = createStopSignal()
    const running = yield* Effect.forkDaemon(start(stop))
    // The runtime interrupts this fiber on the first signal; a second signal stops at once.
    let signals = 0
    const onSignal = () => {
      signals += 1
      if (signals >= 2) Effect.runFork(Fiber.interrupt(running))
    }
    process.on("SIGINT", onSignal)
    process.on("SIGTERM", onSignal)
    return yield* Fiber.join(running).pipe(
      Effect.onInterrupt(() =>
        Effect.sync(() => {
          stop.request()
          console.error("cosearch: stopping; waiting for running trials to finish (signal again to stop now and re-run them later)")
        }).pipe(Effect.zipRight(Fiber.await(running))),
      ),
      Effect.ensuring(
        Effect.sync(() => {
          process.off("SIGINT", onSignal)
          process.off("SIGTERM", onSignal)
        }),
      ),
    )
  })
