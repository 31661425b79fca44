import { compileSpace } from "../compile/compiled-space.js"
import { genomeToConfigurationOf, isActiveIn } from "../compile/gene.js"
import { FLOAT } from "../compile/kind-code.js"
import { passesConstraints } from "../sample/feasibility.js"
import type { Space } from "../space/space.js"
import type { Configuration } from "../value/value.js"
import { cardinality } from "./cardinality.js"

/**
 * Options of `enumerate`.
 *
 * @example
 * const options: EnumerateOptions = { limit: 10_000 }
 */
export interface EnumerateOptions {
  /** The most configurations (counted before constraints) `enumerate` agrees to walk (default 1,000,000). */
  readonly limit?: number
}

/**
 * Every valid configuration of a small finite space (constraints applied), in a fixed order:
 * the first parameters vary slowest, each in its value order.
 *
 * @throws RangeError when the space is infinite or has more configurations than `limit`; the
 * check happens at the call, before any configuration is produced.
 * @example
 * for (const config of enumerate(space, { limit: 10_000 })) evaluate(config)
 */
export const enumerate = (space: Space, options: EnumerateOptions = {}): Generator<Configuration, void, undefined> => {
  const limit = options.limit ?? 1_000_000
  const total = cardinality(space)
  if (total === "infinite") {
    const name = space.parameters.find((parameter) => parameter.kind === "float")?.name
    throw new RangeError(`enumerate: space "${space.name}" is infinite (float parameter "${name}"); sample it instead`)
  }
  if (total > BigInt(limit)) {
    throw new RangeError(
      `enumerate: space "${space.name}" has ${total} configurations (before constraints), more than the limit ${limit}; ` +
        "raise { limit } or refine the space",
    )
  }
  return walk(space)
}

function* walk(space: Space): Generator<Configuration, void, undefined> {
  const compiled = compileSpace(space)
  const { size, order, kind, count, low } = compiled
  const genome = new Float64Array(size)
  function* from(position: number): Generator<Configuration, void, undefined> {
    if (position === size) {
      if (passesConstraints(compiled, genome)) yield genomeToConfigurationOf(compiled, genome)
      return
    }
    const index = order[position] as number
    if (!isActiveIn(compiled, genome, index)) {
      genome[index] = Number.NaN
      yield* from(position + 1)
      return
    }
    if (kind[index] === FLOAT) {
      genome[index] = low[index] as number
      yield* from(position + 1)
      return
    }
    const n = count[index] as number
    for (let gene = 0; gene < n; gene++) {
      genome[index] = gene
      yield* from(position + 1)
    }
  }
  yield* from(0)
}
