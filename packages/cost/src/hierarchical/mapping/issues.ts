/**
 * Why a mapping cannot run:
 * - `accelerator`: the accelerator description is invalid;
 * - `nest`: a pooling/element-wise nest, or a bound, stride or dilation that is not a positive integer;
 * - `shape`: the mapping has not one entry per storage level;
 * - `factor`: a factor that is not a positive integer, or an unknown dimension;
 * - `order`: a loop order with unknown or repeated dimensions, or missing one with a factor above 1;
 * - `product`: a dimension whose factors do not multiply to its bound;
 * - `spatial`: spatial factors that need more PEs than the array has along X or Y;
 * - `capacity`: a level's tiles that do not fit its capacity;
 * - `size`: counts beyond 2^53, where numbers stop being exact.
 *
 * @example
 * const reason: MappingIssueReason = "capacity"
 */
export type MappingIssueReason = "accelerator" | "nest" | "shape" | "factor" | "order" | "product" | "spatial" | "capacity" | "size"

/**
 * One problem with a (nest, accelerator, mapping) triple: the reason, a sentence naming the
 * values, and where it applies (level, dimension, bytes needed vs available).
 *
 * @example
 * const issue: MappingIssue = {
 *   reason: "capacity", level: 2, levelName: "RF", neededBytes: 96, availableBytes: 64,
 *   message: 'level 2 "RF": tiles need 96 bytes (weights 32, inputs 48, outputs 16), capacity 64',
 * }
 */
export interface MappingIssue {
  readonly reason: MappingIssueReason
  readonly message: string
  readonly level?: number
  readonly levelName?: string
  readonly dimension?: string
  readonly neededBytes?: number
  readonly availableBytes?: number
}
