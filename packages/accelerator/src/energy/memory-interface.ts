/**
 * What moving bytes over a path costs: time `bytes / bandwidth + latency`, energy `bytes x pJ/byte`
 * (a system's links and memory paths, and each memory interface).
 *
 * @example
 * const path: PathCost = { bandwidthBytesPerSecond: 8e9, energyPjPerByte: 2, latencySeconds: 1e-6 }
 */
export interface PathCost {
  readonly bandwidthBytesPerSecond: number
  readonly energyPjPerByte: number
  readonly latencySeconds: number
}

/**
 * The memory interfaces a unit can reach DRAM through (docs/energy.md):
 * `lpddr4` (a phone's LPDDR4 channel), `ddr3` (Horowitz's DRAM), `hbm2` (an HBM2 stack from a
 * host die), `hbm2-in-stack` (HBM2 seen from its logic layer, by a near-data unit).
 *
 * @example
 * const name: MemoryInterfaceName = "hbm2-in-stack"
 */
export type MemoryInterfaceName = "lpddr4" | "ddr3" | "hbm2" | "hbm2-in-stack"

/**
 * A memory interface: its path cost (bandwidth, energy per byte, set-up latency) and where its figures come from.
 *
 * @example
 * memoryInterfaces.lpddr4.energyPjPerByte // pJ per byte moved over a phone's LPDDR4 channel
 */
export interface MemoryInterface extends PathCost {
  readonly source: string
}

/**
 * The memory interfaces by name, energies per byte moved (DRAM core and I/O together):
 *
 * - `lpddr4`: 12.8 GB/s (one x32 channel at 3,200 MT/s, JEDEC JESD209-4); 60 pJ/byte, Eyeriss's
 *   DRAM-to-MAC energy ratio of 200 (Chen et al., ISCA 2016) on Horowitz's 0.3 pJ int8 MAC: 7.5
 *   pJ/bit. 100 ns to set up a transfer (our choice).
 * - `ddr3`: 12.8 GB/s (DDR3-1600, 64 bits); 1.3–2.6 nJ per 64-bit access (Horowitz, ISSCC 2014),
 *   the middle, 1.95 nJ: 243.75 pJ/byte.
 * - `hbm2`: 256 GB/s (1,024 bits at 2 Gb/s, JEDEC JESD235); 3.9 pJ/bit = 31.2 pJ/byte
 *   (O'Connor et al., "Fine-Grained DRAM", MICRO 2017), 100 ns.
 * - `hbm2-in-stack`: the same stack from its logic layer: 256 GB/s, 16 pJ/byte, about half of
 *   `hbm2` (the off-chip I/O is skipped; our choice), 50 ns.
 *
 * @example
 * memoryInterfaces["hbm2-in-stack"].energyPjPerByte // 16
 */
export const memoryInterfaces: Readonly<Record<MemoryInterfaceName, MemoryInterface>> = {
  lpddr4: {
    bandwidthBytesPerSecond: 12.8e9,
    energyPjPerByte: 60,
    latencySeconds: 100e-9,
    source: "JEDEC JESD209-4 (bandwidth); Chen et al., ISCA 2016 (DRAM 200x a MAC) on Horowitz, ISSCC 2014 (int8 MAC 0.3 pJ)",
  },
  ddr3: {
    bandwidthBytesPerSecond: 12.8e9,
    energyPjPerByte: 1950 / 8,
    latencySeconds: 100e-9,
    source: "Horowitz, ISSCC 2014 (DRAM 1.3-2.6 nJ per 64-bit access; the middle)",
  },
  hbm2: {
    bandwidthBytesPerSecond: 256e9,
    energyPjPerByte: 3.9 * 8,
    latencySeconds: 100e-9,
    source: "JEDEC JESD235 (bandwidth); O'Connor et al., MICRO 2017 (HBM2 3.9 pJ/bit)",
  },
  "hbm2-in-stack": {
    bandwidthBytesPerSecond: 256e9,
    energyPjPerByte: 16,
    latencySeconds: 50e-9,
    source: "HBM2 from its logic layer: about half of O'Connor et al.'s 3.9 pJ/bit (our choice)",
  },
}

/**
 * Every memory interface name.
 *
 * @example
 * memoryInterfaceNames.includes("hbm2") // true
 */
export const memoryInterfaceNames = Object.keys(memoryInterfaces) as MemoryInterfaceName[]

/**
 * The path cost of a memory interface (bandwidth, energy per byte, latency), without its source.
 *
 * @example
 * const hostPath = memoryPath("lpddr4") // { bandwidthBytesPerSecond: 12.8e9, energyPjPerByte: 60, latencySeconds: 1e-7 }
 */
export const memoryPath = (name: MemoryInterfaceName): PathCost => {
  const { bandwidthBytesPerSecond, energyPjPerByte, latencySeconds } = memoryInterfaces[name]
  return { bandwidthBytesPerSecond, energyPjPerByte, latencySeconds }
}
