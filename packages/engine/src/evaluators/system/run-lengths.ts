/**
 * A sequence of names, run-length encoded: `name*count` per run, runs separated by spaces. Keeps a
 * schedule (each layer's unit, in topological order) small enough to store with a trial's metrics.
 *
 * @example
 * runLengths(["compute", "compute", "imac", "compute"]) // "compute*2 imac*1 compute*1"
 */
export const runLengths = (names: readonly string[]): string => {
  const runs: string[] = []
  let current: string | undefined
  let count = 0
  for (const name of names) {
    if (name === current) {
      count++
      continue
    }
    if (current !== undefined) runs.push(`${current}*${count}`)
    current = name
    count = 1
  }
  if (current !== undefined) runs.push(`${current}*${count}`)
  return runs.join(" ")
}
