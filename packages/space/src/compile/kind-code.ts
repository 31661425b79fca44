import type { ParameterKind } from "../parameter/parameter.js"

/**
 * Numeric codes of the parameter kinds, as stored in `CompiledSpace.kind`.
 *
 * @example
 * compileSpace(space).kind[0] === KIND_CODE.ordinal
 */
export const KIND_CODE = { categorical: 0, ordinal: 1, integer: 2, float: 3, boolean: 4 } as const satisfies Record<ParameterKind, number>

/**
 * `KIND_CODE.categorical`, as a plain constant for hot loops.
 *
 * @example
 * if (compiled.kind[i] === CATEGORICAL) out[offset + gene] = 1
 */
export const CATEGORICAL = 0
/**
 * `KIND_CODE.ordinal`, as a plain constant for hot loops.
 *
 * @example
 * if (compiled.kind[i] === ORDINAL) out[offset] = gene / (count - 1)
 */
export const ORDINAL = 1
/**
 * `KIND_CODE.integer`, as a plain constant for hot loops.
 *
 * @example
 * if (compiled.kind[i] === INTEGER) value = compiled.low[i] + gene
 */
export const INTEGER = 2
/**
 * `KIND_CODE.float`, as a plain constant for hot loops.
 *
 * @example
 * if (compiled.kind[i] === FLOAT) value = gene
 */
export const FLOAT = 3
/**
 * `KIND_CODE.boolean`, as a plain constant for hot loops.
 *
 * @example
 * if (compiled.kind[i] === BOOLEAN) value = gene === 1
 */
export const BOOLEAN = 4
