import type { StoreBackend } from "../study/store-backend.js"
import { openSqliteStore } from "./sqlite-store.js"

/** A location with a URL scheme (`postgres://...`) names a server, not a SQLite file. */
const urlLocation = /^[a-z][a-z0-9+.-]*:\/\//i

/**
 * The database file a SQLite location names: a plain path as it is, `sqlite:relative.db` and
 * `sqlite:///absolute/path.db` (a `sqlite:` URL) without the scheme; undefined for another URL.
 *
 * @example
 * sqlitePath("sqlite:///srv/runs/cosearch.db") // "/srv/runs/cosearch.db"
 * sqlitePath("sqlite:runs/cosearch.db") // "runs/cosearch.db"
 * sqlitePath("runs/cosearch.db") // "runs/cosearch.db"
 * sqlitePath("postgresql://db/cosearch") // undefined
 */
export const sqlitePath = (location: string): string | undefined => {
  const url = /^sqlite:(\/\/)?(.*)$/is.exec(location)
  if (url !== null) return url[2] === "" ? undefined : url[2]
  return urlLocation.test(location) ? undefined : location
}

/**
 * The SQLite backend: a database file path, or a `sqlite:` URL of one.
 *
 * @example
 * sqliteBackend.accepts("runs/cosearch.db") // true
 * sqliteBackend.accepts("sqlite:///srv/runs/cosearch.db") // true
 * sqliteBackend.accepts("postgres://host/db") // false
 */
export const sqliteBackend: StoreBackend = {
  name: "sqlite",
  locations: "a database file path or sqlite:///path.db",
  accepts: (location) => sqlitePath(location) !== undefined,
  open: (location, options) => openSqliteStore(sqlitePath(location) ?? location, options),
}
