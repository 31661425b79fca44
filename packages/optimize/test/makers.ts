// The optimizers every behavioral test runs, with settings small enough for the test budgets.
import {
  createAgingEvolution,
  createGpBo,
  createNsga2,
  createP3bo,
  createRandomSearch,
  type Direction,
  type Optimizer,
  type WarmStart,
} from "@cosearch/optimize"
import type { Space } from "@cosearch/space"
import { nearestPredictor } from "./nearest-predictor.js"

export interface MakeSettings {
  readonly seed: number
  readonly directions?: readonly Direction[]
  readonly warmStart?: WarmStart
}

export type Maker = (space: Space, settings: MakeSettings) => Optimizer

const gpQuick = { initial: 6, fitSteps: 20, refitGrowth: 0.2, candidates: { random: 128, neighbors: 12, localSteps: 3 } } as const

export const makers: Record<string, Maker> = {
  random: (space, settings) => createRandomSearch(space, settings),
  evolution: (space, settings) => createAgingEvolution(space, { ...settings, population: 10, sampleSize: 3 }),
  nsga2: (space, settings) => createNsga2(space, { ...settings, population: 10 }),
  "gp-bo": (space, settings) => createGpBo(space, { ...settings, ...gpQuick }),
  "gp-bo-ucb": (space, settings) => createGpBo(space, { ...settings, ...gpQuick, acquisition: "ucb" }),
  "gp-bo-liar": (space, settings) => createGpBo(space, { ...settings, ...gpQuick, batch: "constant-liar" }),
  p3bo: (space, settings) => createP3bo(space, settings),
  "evolution-screened": (space, settings) =>
    createAgingEvolution(space, {
      ...settings,
      population: 10,
      sampleSize: 3,
      screen: { predictor: nearestPredictor(3), candidates: 6, refine: 2, random: 1 },
    }),
}

export const improvers = Object.keys(makers).filter((name) => name !== "random")
