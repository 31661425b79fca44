import type { StoreBackend } from "../study/store-backend.js"
import { openSqliteStore } from "./sqlite-store.js"

/** A location with a URL scheme (`postgres://...`) names a server, not a SQLite file. */
const urlLocation = /^[a-z][a-z0-9+.-]*:\/\//i

/**
 * The SQLite backend: a location without a URL scheme is a database file path.
 *
 * @example
 * sqliteBackend.accepts("runs/cosearch.db") // true
 * sqliteBackend.accepts("postgres://host/db") // false
 */
export const sqliteBackend: StoreBackend = {
  name: "sqlite",
  locations: "a database file path",
  accepts: (location) => !urlLocation.test(location),
  open: (location, options) => openSqliteStore(location, options),
}
