import { StoreError } from "./store-error.js"
import type { StudyStore } from "./study-store.js"

/** The `StudyStore` methods that write. */
const writeMethods = [
  "createStudy",
  "deleteStudy",
  "renameStudy",
  "copyStudy",
  "addTrials",
  "claimTrial",
  "finishTrial",
  "releaseTrials",
  "beatHeartbeat",
  "requeueStaleTrials",
] as const satisfies readonly (keyof StudyStore)[]

/**
 * The store with every write method rejecting with a `read-only` `StoreError` before it touches
 * the database: what every backend's read-only mode returns.
 *
 * @example
 * return options.readOnly ? refuseWrites(store) : store
 */
export const refuseWrites = <S extends StudyStore>(store: S): S => {
  const refused = Object.fromEntries(
    writeMethods.map((method) => [
      method,
      () => Promise.reject(new StoreError("read-only", `database "${store.location}" is open read-only: ${method} would write`)),
    ]),
  )
  return { ...store, ...refused }
}
