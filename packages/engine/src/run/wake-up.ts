import { Effect } from "effect"

/**
 * Lets lanes that wait for other lanes' trials wake as soon as one is recorded, rather than at
 * the next poll.
 *
 * @example
 * const wakeUp = createWakeUp()
 * yield* wakeUp.wait(50) // returns on wakeUp.wake() or after 50 ms
 */
export interface WakeUp {
  readonly wake: () => void
  readonly wait: (timeoutMs: number) => Effect.Effect<void>
}

/**
 * A fresh wake-up point.
 *
 * @example
 * const wakeUp = createWakeUp()
 */
export const createWakeUp = (): WakeUp => {
  let sleepers: Array<() => void> = []
  return {
    wake: () => {
      const woken = sleepers
      sleepers = []
      for (const resume of woken) resume()
    },
    wait: (timeoutMs) =>
      Effect.async<void>((resume) => {
        const done = () => {
          clearTimeout(timer)
          sleepers = sleepers.filter((sleeper) => sleeper !== done)
          resume(Effect.void)
        }
        const timer = setTimeout(done, timeoutMs)
        sleepers.push(done)
        return Effect.sync(() => {
          clearTimeout(timer)
          sleepers = sleepers.filter((sleeper) => sleeper !== done)
        })
      }),
  }
}
