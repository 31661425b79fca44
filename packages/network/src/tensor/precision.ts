/** Numeric precision of weights and activations. */
export type Precision = "int8" | "bf16" | "fp32"

/** All supported precisions, in increasing width. */
export const precisions: readonly Precision[] = ["int8", "bf16", "fp32"]

/**
 * Bytes per element at a precision.
 *
 * @example
 * bytesPerElement("bf16") // 2
 */
export const bytesPerElement = (precision: Precision): number => (precision === "int8" ? 1 : precision === "bf16" ? 2 : 4)

/** Type guard for user input such as a `--precision` flag. */
export const isPrecision = (value: string): value is Precision => value === "int8" || value === "bf16" || value === "fp32"
