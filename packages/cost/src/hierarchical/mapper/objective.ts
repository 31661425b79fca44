import type { MapperObjective } from "../../kind/cost-options.js"

/**
 * Whether `a` (cycles, energy) is better than `b` under an objective.
 *
 * @example
 * isBetter("latency", 100, 5, 100, 6) // true: same cycles, less energy
 */
export const isBetter = (objective: MapperObjective, cyclesA: number, energyA: number, cyclesB: number, energyB: number): boolean => {
  switch (objective) {
    case "latency":
      return cyclesA < cyclesB || (cyclesA === cyclesB && energyA < energyB)
    case "energy":
      return energyA < energyB || (energyA === energyB && cyclesA < cyclesB)
    case "edp": {
      const a = cyclesA * energyA
      const b = cyclesB * energyB
      return a < b || (a === b && cyclesA < cyclesB)
    }
  }
}
