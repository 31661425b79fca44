import { postgresBackend } from "../postgres/postgres-backend.js"
import { sqliteBackend } from "../sqlite/sqlite-backend.js"
import type { OpenStoreOptions, StoreBackend } from "../study/store-backend.js"
import { StoreError } from "../study/store-error.js"
import type { StudyStore } from "../study/study-store.js"

/**
 * The storage backends, asked in this order: a new backend is one folder (`src/<backend>/`, whose
 * test runs `storeConformance` from `@cosearch/store/testing`) and one line here.
 *
 * @example
 * storeBackends.map((backend) => backend.name) // ["postgresql", "sqlite"]
 */
export const storeBackends: readonly StoreBackend[] = [postgresBackend, sqliteBackend]

/**
 * Opens the store at `location` with the first registered backend that accepts it: a file path
 * or a `sqlite:///path.db` URL opens a SQLite database, a `postgresql://` URL a PostgreSQL one
 * (whose connection is made on first use: its errors reject the first method called).
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

/**
 * `openStore`, then the store's connection step (`StudyStore.connect`, a server's): a store that
 * answers, or a rejection with the `StoreError` that says why (an unreachable server, a refused
 * login, a missing or foreign schema), the store closed. For a SQLite file it is `openStore`.
 *
 * @example
 * const store = await connectStore(process.env.COSEARCH_STORAGE ?? "cosearch.db", { readOnly: true })
 */
export const connectStore = async (location: string, options: OpenStoreOptions = {}): Promise<StudyStore> => {
  const store = openStore(location, options)
  try {
    await store.connect?.()
  } catch (error) {
    await store.close().catch(() => undefined)
    throw error
  }
  return store
}
