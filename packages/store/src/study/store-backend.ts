import type { StudyStore } from "./study-store.js"

/**
 * How a caller opens a store through `openStore`, whatever the backend.
 *
 * @example
 * const options: OpenStoreOptions = { mustExist: true }
 */
export interface OpenStoreOptions {
  /** Fail instead of creating a new, empty store (default false). */
  readonly mustExist?: boolean
  /**
   * Open for reading only (default false): the store never writes, migrates nor changes the
   * storage's settings; it must exist and be a cosearch store; every write method rejects with a
   * `StoreError` of kind `read-only`.
   */
  readonly readOnly?: boolean
}

/**
 * One way to persist studies: which locations it opens and how. `openStore` asks the registered
 * backends in order and opens a location with the first that accepts it.
 *
 * @example
 * const backend: StoreBackend = {
 *   name: "sqlite",
 *   locations: "a file path",
 *   accepts: (location) => !location.includes("://"),
 *   open: (location, options) => openSqliteStore(location, options),
 * }
 */
export interface StoreBackend {
  /** The backend's name, as messages give it. */
  readonly name: string
  /** The locations it opens, in words, for the message on a location no backend takes. */
  readonly locations: string
  /** Whether this backend opens `location`. */
  readonly accepts: (location: string) => boolean
  /** Opens the store at `location`; throws `StoreError` when it cannot. */
  readonly open: (location: string, options: OpenStoreOptions) => StudyStore
}
