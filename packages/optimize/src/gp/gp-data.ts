/**
 * What a Gaussian process is fitted on: `n` points of `d` coordinates (row-major) and their
 * targets, standardized or otherwise transformed by the caller.
 *
 * @example
 * const data: GpData = { x: Float64Array.of(0, 0.5, 1), y: Float64Array.of(-1, 0, 1), n: 3, d: 1 }
 */
export interface GpData {
  readonly x: Float64Array
  readonly y: Float64Array
  readonly n: number
  readonly d: number
}
