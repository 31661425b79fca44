import { assignmentObjective } from "./assignment.js"
import type { ScheduleObjective, ScheduleProblem } from "./problem.js"

/**
 * First-improvement local search over single-layer moves: sweep the layers in order, move each to
 * the unit that lowers the objective most (the exact objective of the whole assignment), and
 * sweep again until a sweep changes nothing or `maxSweeps` have run. Improves `assignment` in
 * place and returns its objective.
 * @internal
 */
export const improveByMoves = (
  problem: ScheduleProblem,
  assignment: Int32Array,
  objective: ScheduleObjective,
  maxSweeps: number,
): number => {
  const units = problem.costs.units
  let value = assignmentObjective(problem, assignment, objective)
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let moved = false
    for (let layer = 0; layer < assignment.length; layer++) {
      const original = assignment[layer] as number
      let bestUnit = original
      for (let unit = 0; unit < units; unit++) {
        if (unit === original) continue
        assignment[layer] = unit
        const candidate = assignmentObjective(problem, assignment, objective)
        if (candidate < value) {
          value = candidate
          bestUnit = unit
        }
      }
      assignment[layer] = bestUnit
      moved ||= bestUnit !== original
    }
    if (!moved) break
  }
  return value
}
