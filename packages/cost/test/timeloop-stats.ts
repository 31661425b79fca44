// A small reader of Timeloop's statistics (`*.stats.txt`), for the tests that compare the
// Timeloop accounting with Timeloop's own runs (packages/cost/data/timeloop/).

/** One data space at one level: Timeloop's per-instance scalar counts and energies. */
export interface StatsDataSpace {
  readonly reads: number
  readonly fills: number
  readonly updates: number
  readonly energyPerInstancePj: number
  readonly energyTotalPj: number
}

/** One level (buffer or arithmetic) of a stats file. */
export interface StatsLevel {
  readonly name: string
  readonly instances: number
  readonly utilizedInstances: number
  readonly leakagePj: number
  /** By data-space name (Weights, Inputs, Outputs); empty for the arithmetic. */
  readonly dataSpaces: ReadonlyMap<string, StatsDataSpace>
  /** The arithmetic's energy (Energy (total) of its STATS), pJ. */
  readonly computeEnergyPj: number
  readonly computes: number
}

/** A stats file: its levels by name, the summary cycles and the energy per compute. */
export interface TimeloopStats {
  readonly levels: ReadonlyMap<string, StatsLevel>
  readonly cycles: number
  readonly computes: number
  /** The summary's total energy per compute times the computes (fJ → pJ); leakage included. */
  readonly totalEnergyPj: number
}

const value = (line: string): number => Number((line.split(":")[1] ?? "").trim().split(/\s+/)[0])

/** Parses a Timeloop `*.stats.txt`: each `=== name ===` block and the summary. */
export const parseTimeloopStats = (text: string): TimeloopStats => {
  const levels = new Map<string, StatsLevel>()
  const lines = text.split("\n")
  let current:
    | {
        name: string
        instances: number
        utilized: number
        leakage: number
        spaces: Map<string, { -readonly [key in keyof StatsDataSpace]?: number }>
        energy: number
        computes: number
      }
    | undefined
  let space: { -readonly [key in keyof StatsDataSpace]?: number } | undefined
  const close = (): void => {
    if (current === undefined) return
    const spaces = new Map<string, StatsDataSpace>()
    for (const [name, entry] of current.spaces) {
      spaces.set(name, {
        reads: entry.reads ?? Number.NaN,
        fills: entry.fills ?? Number.NaN,
        updates: entry.updates ?? Number.NaN,
        energyPerInstancePj: entry.energyPerInstancePj ?? Number.NaN,
        energyTotalPj: entry.energyTotalPj ?? Number.NaN,
      })
    }
    levels.set(current.name, {
      name: current.name,
      instances: current.instances,
      utilizedInstances: current.utilized,
      leakagePj: current.leakage,
      dataSpaces: spaces,
      computeEnergyPj: current.energy,
      computes: current.computes,
    })
    current = undefined
  }
  let cycles = Number.NaN
  let computes = Number.NaN
  let totalFj = Number.NaN
  let inSummary = false
  let inNetworks = false
  for (const raw of lines) {
    const line = raw.trim()
    const header = /^=== (.+) ===$/.exec(line)
    if (header !== null && !inSummary && !inNetworks) {
      close()
      current = { name: header[1] ?? "", instances: 0, utilized: 0, leakage: 0, spaces: new Map(), energy: 0, computes: 0 }
      space = undefined
      continue
    }
    if (line === "Networks") {
      close()
      inNetworks = true
      continue
    }
    if (line === "Summary Stats") {
      inSummary = true
      continue
    }
    if (inSummary) {
      if (line.startsWith("Cycles:")) cycles = value(line)
      else if (line.startsWith("Computes =")) computes = Number(line.split("=")[1])
      else if (line.startsWith("Total") && line.includes("=")) totalFj = Number(line.split("=")[1])
      continue
    }
    if (current === undefined) continue
    const dataSpace = /^(Weights|Inputs|Outputs):$/.exec(line)
    if (dataSpace !== null) {
      space = {}
      current.spaces.set(dataSpace[1] ?? "", space)
      continue
    }
    if (line.startsWith("Instances ") && line.includes(":")) current.instances = value(line)
    else if (line.startsWith("Utilized instances") && !line.includes("(max)")) current.utilized = value(line)
    else if (line.startsWith("Utilized instances (max)")) current.utilized = value(line)
    else if (line.startsWith("Leakage energy (total)")) current.leakage = value(line)
    else if (line.startsWith("Computes (total)")) current.computes = value(line)
    else if (line.startsWith("Energy (total)") && space === undefined) current.energy = value(line)
    else if (space !== undefined) {
      if (line.startsWith("Scalar reads (per-instance)")) space.reads = value(line)
      else if (line.startsWith("Scalar fills (per-instance)")) space.fills = value(line)
      else if (line.startsWith("Scalar updates (per-instance)")) space.updates = value(line)
      else if (line.startsWith("Energy (per-instance)")) space.energyPerInstancePj = value(line)
      else if (line.startsWith("Energy (total)")) space.energyTotalPj = value(line)
    }
  }
  close()
  return { levels, cycles, computes, totalEnergyPj: (totalFj * computes) / 1000 }
}
