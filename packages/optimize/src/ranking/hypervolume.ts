/**
 * The hypervolume of a set of two-objective points (minimization) with respect to a reference
 * point: the area dominated by the set and bounded by the reference. Points not strictly better
 * than the reference in both objectives add nothing.
 *
 * @example
 * hypervolume2d([[0, 1], [1, 0]], [2, 2]) // 3
 */
export const hypervolume2d = (points: readonly (readonly [number, number])[], reference: readonly [number, number]): number => {
  const [r1, r2] = reference
  const inside = points.filter(([f1, f2]) => f1 < r1 && f2 < r2).sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let area = 0
  let ceiling = r2
  for (const [f1, f2] of inside) {
    if (f2 >= ceiling) continue
    area += (r1 - f1) * (ceiling - f2)
    ceiling = f2
  }
  return area
}
