import { type Configuration, categorical, defineSpace, type Space } from "@cosearch/space"
import { type Nb201Arch, type Nb201Operation, nb201Edges, nb201Operations } from "../blocks/nb201-cell.js"
import type { Network } from "../graph/network.js"
import { type Nb201Options, nb201 } from "../zoo/nb201.js"

/** The parameter name of each NB201 edge, in arch-string order: `edge_1_0`, `edge_2_0`, ... */
export const nb201EdgeNames: readonly string[] = nb201Edges.map(([target, source]) => `edge_${target}_${source}`)

/**
 * NAS-Bench-201's cell space: one categorical parameter per edge over the five operations,
 * 5^6 = 15,625 cells.
 *
 * @example
 * cardinality(nb201Space) // 15625n
 */
export const nb201Space: Space = defineSpace({
  name: "nb201",
  parameters: nb201EdgeNames.map((name, k) => {
    const [target, source] = nb201Edges[k] as readonly [number, number]
    return categorical(name, nb201Operations, { description: `operation on the edge from node ${source} to node ${target}` })
  }),
})

/**
 * The cell of an `nb201Space` configuration.
 *
 * @example
 * formatNb201Arch(nb201ArchOf(config))
 */
export const nb201ArchOf = (config: Configuration): Nb201Arch =>
  nb201EdgeNames.map((name) => {
    const op = config[name]
    if (!(nb201Operations as readonly unknown[]).includes(op)) {
      throw new TypeError(`NB201 edge "${name}" must be one of ${nb201Operations.join(", ")}, got ${JSON.stringify(op)}`)
    }
    return op as Nb201Operation
  }) as unknown as Nb201Arch

/**
 * The CIFAR network (C=16, N=5) of an `nb201Space` configuration.
 *
 * @example
 * const network = nb201NetworkOf(sampleMany(nb201Space, 1, "seed")[0] ?? {})
 */
export const nb201NetworkOf = (config: Configuration, options: Nb201Options = { resolution: 32, classes: 10 }): Network =>
  nb201(nb201ArchOf(config), options)
