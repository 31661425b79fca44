import { type AcceleratorUnit, HOST, type PathCost, type SystemLink } from "@cosearch/accelerator"
import type { TransferModel } from "./problem.js"

/**
 * The part of a system the transfer model reads: unit names and near-data flags, the links, the
 * default paths and the home node; any `HeterogeneousSystem` is one.
 */
export interface SystemTopology {
  readonly units: readonly Pick<AcceleratorUnit, "name" | "nearData">[]
  readonly links: readonly SystemLink[]
  readonly hostPath: PathCost
  readonly nearDataPath?: PathCost
  readonly home?: string
}

/**
 * The transfer model of a (valid) system: between two nodes, a direct link when there is one (the
 * first listed), else the default path through DRAM, one leg from the source to DRAM and one from
 * DRAM to the destination (the host itself needs no leg). A leg is `hostPath` for an ordinary unit
 * and `nearDataPath` for a near-data one. Time adds `bytes / bandwidth + latency` over the legs,
 * energy `bytes x pJ/byte`. Each link is one resource (shared by both directions), and so are the
 * host path and the near-data path.
 *
 * @example
 * const transfers = transferModel(system)
 * transfers.secondsPerByte[0 * (transfers.units + 1) + 1] // unit 0 to unit 1
 */
export const transferModel = (system: SystemTopology): TransferModel => {
  const units = system.units.length
  const nodes = units + 1
  const indexOf = (name: string): number => (name === HOST ? units : system.units.findIndex((unit) => unit.name === name))
  const resources = [...system.links.map((link) => `${link.from}-${link.to}`), "host path", "near-data path"]
  const hostResource = system.links.length
  const nearDataPath = system.nearDataPath ?? system.hostPath
  const seconds = new Float64Array(nodes * nodes)
  const secondsPerByte = new Float64Array(nodes * nodes)
  const pjPerByte = new Float64Array(nodes * nodes)
  const legResource = new Int32Array(nodes * nodes * 2).fill(-1)
  const legSecondsPerByte = new Float64Array(nodes * nodes * 2)
  const addLeg = (pair: number, leg: number, path: PathCost, resource: number): void => {
    seconds[pair] = (seconds[pair] ?? 0) + path.latencySeconds
    secondsPerByte[pair] = (secondsPerByte[pair] ?? 0) + 1 / path.bandwidthBytesPerSecond
    pjPerByte[pair] = (pjPerByte[pair] ?? 0) + path.energyPjPerByte
    legResource[pair * 2 + leg] = resource
    legSecondsPerByte[pair * 2 + leg] = 1 / path.bandwidthBytesPerSecond
  }
  const dramLeg = (pair: number, leg: number, node: number): void => {
    const nearData = system.units[node]?.nearData === true
    addLeg(pair, leg, nearData ? nearDataPath : system.hostPath, nearData ? hostResource + 1 : hostResource)
  }
  for (let from = 0; from < nodes; from++)
    for (let to = 0; to < nodes; to++) {
      if (from === to) continue
      const pair = from * nodes + to
      const link = system.links.findIndex((candidate) => {
        const a = indexOf(candidate.from)
        const b = indexOf(candidate.to)
        return (a === from && b === to) || (candidate.oneWay !== true && a === to && b === from)
      })
      if (link >= 0) addLeg(pair, 0, system.links[link] as SystemLink, link)
      else if (from === units) dramLeg(pair, 0, to)
      else {
        dramLeg(pair, 0, from)
        if (to !== units) dramLeg(pair, 1, to)
      }
    }
  return {
    units,
    home: system.home === undefined ? units : indexOf(system.home),
    seconds,
    secondsPerByte,
    pjPerByte,
    resources,
    legResource,
    legSecondsPerByte,
  }
}
