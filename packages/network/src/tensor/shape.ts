/**
 * The shape of one sample's activation tensor, height x width x channels. The batch size is a
 * property of the network, not of each tensor. Vectors are 1x1xC; sequences of T steps are Tx1xC.
 *
 * @example
 * const image: TensorShape = { h: 224, w: 224, c: 3 }
 */
export interface TensorShape {
  readonly h: number
  readonly w: number
  readonly c: number
}

/** Number of elements in one sample of a tensor of this shape. */
export const elementCount = (shape: TensorShape): number => shape.h * shape.w * shape.c

/** `HxWxC`, the form used in tables and error messages (e.g. `112x112x32`). */
export const formatShape = (shape: TensorShape): string => `${shape.h}x${shape.w}x${shape.c}`

/** True when two shapes are identical. */
export const sameShape = (a: TensorShape, b: TensorShape): boolean => a.h === b.h && a.w === b.w && a.c === b.c
