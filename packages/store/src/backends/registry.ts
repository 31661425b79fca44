import { sqliteBackend } from "../sqlite/sqlite-backend.js"
import type { OpenStoreOptions, StoreBackend } from "../study/store-backend.js"
import { StoreError } from "../study/store-error.js"
import type { StudyStore } from "../study/study-store.js"

/**
 * The storage backends, asked in this order: a new backend is one folder (`src/<backend>/`, whose
 * test runs `storeConformance` from `@cosearch/store/testing`) and one line here.
 *
 * @example
 * storeBackends.map((backend) => backend.name) // ["sqlite"]
 */
export const storeBackends: readonly StoreBackend[] = [sqliteBackend]

/**
 * Opens the store at `location` with the first registered backend that accepts it: a file path
 * opens a SQLite database.
 *
 * @throws StoreError (kind `io`) naming the location when no backend accepts it, or the backend's
 *   own `StoreError` when it cannot open it.
 * @example
 * const store = openStore("cosearch.db")
 * console.log((await store.listStudies()).length)
 * await store.close()
 */
export const openStore = (location: string, options: OpenStoreOptions = {}): StudyStore => {
  const backend = storeBackends.find((candidate) => candidate.accepts(location))
  if (backend === undefined) {
    const known = storeBackends.map((candidate) => `${candidate.name} (${candidate.locations})`).join(", ")
    throw new StoreError("io", `no store backend opens "${location}"; the backends are ${known}`)
  }
  return backend.open(location, options)
}
