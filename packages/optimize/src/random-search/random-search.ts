import type { Space } from "@cosearch/space"
import { type CommonSettings, createOptimizer, type Optimizer } from "../optimizer/optimizer.js"
import { sampleNovel } from "../strategy/novel.js"
import type { Proposal, Strategy } from "../strategy/strategy.js"

/**
 * Random search: uniform samples of the space (see `sample`), never one already evaluated or
 * pending while new ones can be found. The baseline every other optimizer must beat.
 *
 * @example
 * const strategy = randomStrategy()
 */
export const randomStrategy = (): Strategy => ({
  name: "random",
  propose: (n, context) => {
    const proposals: Proposal[] = []
    for (let k = 0; k < n; k++) proposals.push({ genome: sampleNovel(context) })
    return proposals
  },
})

/**
 * A random-search optimizer.
 *
 * @example
 * const optimizer = createRandomSearch(space, { directions: ["maximize"], seed: 0 })
 * const [first] = optimizer.ask(1)
 */
export const createRandomSearch = (space: Space, settings: CommonSettings = {}): Optimizer =>
  createOptimizer(space, randomStrategy(), settings)
