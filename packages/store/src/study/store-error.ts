/**
 * Why a storage step failed: `study-exists` (createStudy, renameStudy or copyStudy on a taken name), `busy` (the database
 * stayed locked past the busy timeout: worth retrying), `corrupt` (damaged, or not a cosearch
 * database), `read-only` (a write on a store opened read-only), or `io` for anything else.
 *
 * @example
 * const kind: StoreErrorKind = "busy"
 */
export type StoreErrorKind = "study-exists" | "busy" | "corrupt" | "read-only" | "io"

/**
 * A failed storage step, with its kind and the location of the storage.
 *
 * @example
 * try { await store.createStudy(input) } catch (error) { if (error instanceof StoreError && error.kind === "study-exists") ... }
 */
export class StoreError extends Error {
  override readonly name = "StoreError"
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options)
  }
}
