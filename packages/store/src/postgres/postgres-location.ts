import { StoreError } from "../study/store-error.js"

/**
 * A PostgreSQL store location taken apart: what node-postgres connects with, the schema the
 * tables live in, and the address for messages (without the password).
 *
 * @example
 * const location: PostgresLocation = { connectionString: "postgresql://u@db/cosearch", schema: "public", label: "postgresql://u@db/cosearch", options: undefined }
 */
export interface PostgresLocation {
  readonly connectionString: string
  /** `?schema=NAME` of the URL, else `public`. */
  readonly schema: string
  /** `?options=...` of the URL (server settings, `-c name=value`), passed on at connection. */
  readonly options: string | undefined
  readonly label: string
}

/** Whether `location` is a PostgreSQL URL (`postgresql://` or `postgres://`). */
export const isPostgresLocation = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location)

/**
 * Takes a `postgresql://user:password@host:port/database?schema=NAME` URL apart. Every query
 * parameter but `schema` and `options` is node-postgres's (`sslmode`, `application_name`, ...).
 *
 * @throws StoreError (kind `io`) on a URL that does not parse or an empty schema name.
 * @example
 * parsePostgresLocation("postgresql://u:secret@db:5432/cosearch?schema=runs").schema // "runs"
 */
export const parsePostgresLocation = (location: string): PostgresLocation => {
  let url: URL
  try {
    url = new URL(location)
  } catch (error) {
    throw new StoreError("io", `"${location}" is not a PostgreSQL URL (postgresql://user@host:port/database)`, { cause: error })
  }
  const schema = url.searchParams.get("schema") ?? "public"
  if (schema === "") throw new StoreError("io", `"${location}": the schema name is empty`)
  const options = url.searchParams.get("options") ?? undefined
  url.searchParams.delete("schema")
  url.searchParams.delete("options")
  const connectionString = url.toString()
  if (url.password !== "") url.password = "***"
  if (schema !== "public") url.searchParams.set("schema", schema)
  return { connectionString, schema, options, label: url.toString() }
}

/** `name` as a quoted SQL identifier. */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`
