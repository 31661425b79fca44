import type { StoreBackend } from "../study/store-backend.js"
import { isPostgresLocation } from "./postgres-location.js"
import { openPostgresStore } from "./postgres-store.js"

/**
 * The PostgreSQL backend: a `postgresql://` or `postgres://` URL, `?schema=NAME` for a schema
 * other than `public`.
 *
 * @example
 * postgresBackend.accepts("postgresql://cosearch@db/cosearch") // true
 * postgresBackend.accepts("runs/cosearch.db") // false
 */
export const postgresBackend: StoreBackend = {
  name: "postgresql",
  locations: "a postgresql:// URL",
  accepts: isPostgresLocation,
  open: (location, options) => openPostgresStore(location, options),
}
