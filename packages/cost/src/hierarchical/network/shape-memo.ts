import type { LoopNest } from "@cosearch/network"

// Internal to @cosearch/cost: a table from a layer's shape (the bounds, strides and dilations the
// mapper's result depends on) to a row of numbers, in typed arrays: open addressing on a hash of
// the fields, each hit confirmed field by field. No string keys, no allocation per lookup.

const fields = 12

/** Shapes and their rows; `clear` empties it without allocating. */
export interface ShapeMemo {
  /** Numbers per row. */
  stride: number
  /** Rows, `stride` numbers each, in insertion order. */
  rows: Float64Array
  /** Shapes stored. */
  count: number
  /** The twelve fields of each stored shape, and its hash. */
  keys: Float64Array
  hashes: Int32Array
  /** Per slot, 1 + the index of the shape in it, or 0 when empty; a power of two long. */
  slots: Int32Array
}

/** An empty memo for rows of `stride` numbers. */
export const makeShapeMemo = (stride: number): ShapeMemo => ({
  stride,
  rows: new Float64Array(64 * stride),
  count: 0,
  keys: new Float64Array(64 * fields),
  hashes: new Int32Array(64),
  slots: new Int32Array(256),
})

/** Empties the memo and sets its row length. */
export const clearShapeMemo = (memo: ShapeMemo, stride: number): void => {
  memo.count = 0
  memo.slots.fill(0)
  if (memo.stride !== stride) {
    memo.stride = stride
    memo.rows = new Float64Array(64 * stride)
  }
}

/**
 * The shape last looked up by `findShape` (its twelve fields) and its hash, which `addShape`
 * stores: one constant object whose fields are replaced in place, module-level so that a lookup
 * allocates nothing, and a `const` so that V8 folds the binding into the code.
 */
const probe = { fields: new Float64Array(fields), hash: 0 }

/** One FNV-1a step over a 32-bit integer. */
const mix = (h: number, value: number): number => Math.imul(h ^ value, 0x01000193)

/** Reads `nest`'s shape into `probe` and hashes it (FNV-1a over the fields as 32-bit integers). */
const readShape = (nest: LoopNest): void => {
  const { N, G, K, C, P, Q, R, S, strideH, strideW, dilationH, dilationW } = nest
  const key = probe.fields
  key[0] = N
  key[1] = G
  key[2] = K
  key[3] = C
  key[4] = P
  key[5] = Q
  key[6] = R
  key[7] = S
  key[8] = strideH
  key[9] = strideW
  key[10] = dilationH
  key[11] = dilationW
  const dilated = strideH + 4 * strideW + 16 * dilationH + 64 * dilationW
  const h = mix(mix(mix(mix(mix(mix(mix(mix(mix(0x811c9dc5, N), G), K), C), P), Q), R), S), dilated)
  probe.hash = (h ^ (h >>> 15)) >>> 0
}

/** The offset in `memo.rows` of the row of `nest`'s shape, or -1 when it is not stored. */
export const findShape = (memo: ShapeMemo, nest: LoopNest): number => {
  readShape(nest)
  const { keys, slots } = memo
  const key = probe.fields
  const mask = slots.length - 1
  search: for (let slot = probe.hash & mask; ; slot = (slot + 1) & mask) {
    const entry = (slots[slot] ?? 0) - 1
    if (entry < 0) return -1
    for (let i = 0; i < fields; i++) if (keys[entry * fields + i] !== key[i]) continue search
    return entry * memo.stride
  }
}

/** Grows `memo.rows` (keeping its numbers) to hold at least `rows` rows. */
export const reserveRows = (memo: ShapeMemo, rows: number): void => {
  if (memo.rows.length >= rows * memo.stride) return
  const grown = new Float64Array(Math.max(2 * memo.rows.length, rows * memo.stride))
  grown.set(memo.rows)
  memo.rows = grown
}

/**
 * Room for one more shape: the offset in `memo.rows` where its row goes. The shape is stored
 * only by `addShape` once the row is written.
 */
export const nextRow = (memo: ShapeMemo): number => {
  reserveRows(memo, memo.count + 1)
  return memo.count * memo.stride
}

/**
 * Stores the shape of the last `findShape` (which did not find it) for the row at
 * `nextRow(memo)`; keeps the table at most half full.
 */
export const addShape = (memo: ShapeMemo): void => {
  if (memo.keys.length < (memo.count + 1) * fields) {
    const keys = new Float64Array(2 * memo.keys.length)
    keys.set(memo.keys)
    memo.keys = keys
    const hashes = new Int32Array(2 * memo.hashes.length)
    hashes.set(memo.hashes)
    memo.hashes = hashes
  }
  const entry = memo.count++
  const { keys } = memo
  for (let i = 0; i < fields; i++) keys[entry * fields + i] = probe.fields[i] ?? 0
  memo.hashes[entry] = probe.hash
  if (2 * memo.count > memo.slots.length) {
    memo.slots = new Int32Array(2 * memo.slots.length)
    for (let e = 0; e < memo.count; e++) place(memo, e)
  } else place(memo, entry)
}

const place = (memo: ShapeMemo, entry: number): void => {
  const mask = memo.slots.length - 1
  let slot = (memo.hashes[entry] ?? 0) & mask
  while ((memo.slots[slot] ?? 0) !== 0) slot = (slot + 1) & mask
  memo.slots[slot] = entry + 1
}
