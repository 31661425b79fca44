import { type HierarchicalAccelerator, type Operand, operands, type StorageLevel } from "@cosearch/accelerator"
import { type Dimension, dimensionIndex, type Mapping } from "@cosearch/cost"
import type { LoopNest } from "@cosearch/network"

// A brute-force reference for evaluateMapping: it literally runs a mapped loop nest, one temporal
// step at a time and, within a step, PE by PE, keeping for every level instance the tile of each
// operand it holds (and for every MAC unit its partial sum), and counts a fill whenever that tile
// changes: for weights and inputs, the elements of the new tile that the old one did not hold (a
// set difference of the two boxes of coordinates). Across the fan-out, a parent serves one copy
// of each input coordinate that any of its PEs fetches at a step (a set union: multicast by
// data), one copy of each weight tile and one update per output tile. With lanes, the PEs' lanes
// are a second fan-out inside each PE, walked the same way: a position is a (PE, lane) pair, and
// what crosses the lanes' fan-out is counted per PE. Only for tiny layers.

/** Per level and operand (weights, inputs, outputs), in elements. */
export interface SimulatedCounts {
  readonly reads: number[][]
  readonly writes: number[][]
  /** Elements crossing the spatial fan-outs (one per multicast or reduction, at each fan-out crossed). */
  readonly network: number
  readonly macs: number
  /** Temporal steps (MACs per PE, or per lane). */
  readonly steps: number
}

/**
 * How a tile is told apart from the next: `indices` by the indices of the loops above it that
 * the operand depends on (the cost model's rule); `coordinates` by the origin of the data it
 * covers (two index sets with the same input window are one tile).
 */
export type TileIdentity = "indices" | "coordinates"

interface Loop {
  readonly dim: number
  readonly factor: number
  /** Storage level of a temporal loop; -1 for a spatial one over the PEs, -2 over the lanes. */
  readonly level: number
  stride: number
}

// Which dimensions each operand's index depends on (docs/network.md).
const relevant: readonly (readonly number[])[] = [
  [1, 2, 3, 6, 7], // weights: G K C R S
  [0, 1, 3, 4, 5, 6, 7], // inputs: N G C P Q R S
  [0, 1, 2, 4, 5], // outputs: N G K P Q
]

/** Coordinates of an operand element along its axes, from the nest point `x` (canonical order). */
const axes = (nest: LoopNest, operand: number, x: readonly number[]): number[] => {
  const [n = 0, g = 0, k = 0, c = 0, p = 0, q = 0, r = 0, s = 0] = x
  if (operand === 0) return [g, k, c, r, s]
  if (operand === 1) return [n, g, c, p * nest.strideH + r * nest.dilationH, q * nest.strideW + s * nest.dilationW]
  return [n, g, k, p, q]
}

/** The point of the nest given every loop's index. */
const point = (loops: readonly Loop[], index: readonly number[], include: (loop: Loop, i: number) => boolean): number[] => {
  const x = [0, 0, 0, 0, 0, 0, 0, 0]
  loops.forEach((loop, i) => {
    if (include(loop, i)) x[loop.dim] = (x[loop.dim] ?? 0) + (index[i] ?? 0) * loop.stride
  })
  return x
}

/** All index vectors of the given loops (others 0), by brute force. */
const enumerate = (loops: readonly Loop[], which: readonly number[]): number[][] => {
  let all: number[][] = [loops.map(() => 0)]
  for (const i of which) {
    const next: number[][] = []
    for (const base of all) {
      for (let v = 0; v < (loops[i]?.factor ?? 1); v++) {
        const copy = [...base]
        copy[i] = v
        next.push(copy)
      }
    }
    all = next
  }
  return all
}

/**
 * Simulates `mapping` of `nest` on `accelerator` (assumed valid) and counts every level's reads
 * and writes per operand, by the rules of docs/cost-model.md, applied literally.
 */
export const simulateMapping = (
  nest: LoopNest,
  accelerator: HierarchicalAccelerator,
  mapping: Mapping,
  identity: TileIdentity = "indices",
): SimulatedCounts => {
  const levels = accelerator.levels.length
  const scopes = accelerator.levels.map((level) => level.scope)
  const lastShared = scopes.lastIndexOf("shared")
  const lanes = accelerator.array.lanes !== undefined
  const lastPe = Math.max(lastShared, scopes.lastIndexOf("pe"))
  // The flattened nest, outermost first: each level's temporal loops, the spatial loops over the
  // PEs (Y then X) after the last shared level's, those over the lanes after the last per-PE
  // level's. Factor-1 loops are left out.
  const loops: Loop[] = []
  const spatialLoops = (factors: Mapping["spatial"]["x"], level: number): void => {
    for (const [dim, factor] of Object.entries(factors)) if (factor > 1) loops.push({ dim: dimensionIndex(dim), factor, level, stride: 1 })
  }
  mapping.levels.forEach((levelMapping, l) => {
    for (const dim of levelMapping.order) {
      const factor = levelMapping.factors[dim] ?? 1
      if (factor > 1) loops.push({ dim: dimensionIndex(dim), factor, level: l, stride: 1 })
    }
    if (l === lastShared) {
      spatialLoops(mapping.spatial.y, -1)
      spatialLoops(mapping.spatial.x, -1)
    }
    if (lanes && l === lastPe) {
      spatialLoops(mapping.laneSpatial?.y ?? {}, -2)
      spatialLoops(mapping.laneSpatial?.x ?? {}, -2)
    }
  })
  // A loop's stride: the product of the factors of the same dimension's loops inside it.
  loops.forEach((loop, i) => {
    loop.stride = loops.slice(i + 1).reduce((product, inner) => (inner.dim === loop.dim ? product * inner.factor : product), 1)
  })
  const peIds = loops.flatMap((loop, i) => (loop.level === -1 ? [i] : []))
  const laneIds = loops.flatMap((loop, i) => (loop.level === -2 ? [i] : []))
  const temporalIds = loops.flatMap((loop, i) => (loop.level >= 0 ? [i] : []))
  const pes = enumerate(loops, peIds)
  const laneVectors = enumerate(loops, laneIds)
  // Every (PE, lane) position, PE by PE: its PE, its index among the positions, and the spatial
  // loops' indices.
  const positions = pes.flatMap((pe, p) =>
    laneVectors.map((lane, q) => ({ pe: p, id: p * laneVectors.length + q, index: pe.map((value, i) => value + (lane[i] ?? 0)) })),
  )
  const steps = enumerate(loops, temporalIds)
  // Where each loop sits relative to a child level c (c = levels is the MACs): above it or not.
  const above = (loop: Loop, c: number): boolean => (loop.level >= 0 ? loop.level < c : loop.level === -1 ? c > lastShared : c > lastPe)
  // The instance of level l (or the MACs) at a position: one shared, one per PE, one per lane.
  const instanceOf = (l: number, position: { readonly pe: number; readonly id: number }): number =>
    l <= lastShared ? 0 : l === levels || (lanes && l > lastPe) ? position.id : position.pe

  // The tile of operand o at child c: its extent along each of the operand's axes is that of the
  // bounding box of the points that the loops below c reach (counted once, by brute force, as
  // every tile has the same shape); the MACs take one element.
  const tileExtents = (o: number, c: number): number[] => {
    if (c === levels) return [1, 1, 1, 1, 1]
    const below = loops.flatMap((loop, i) => (above(loop, c) ? [] : [i]))
    const lows = [Infinity, Infinity, Infinity, Infinity, Infinity]
    const highs = [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity]
    for (const index of enumerate(loops, below)) {
      axes(
        nest,
        o,
        point(loops, index, () => true),
      ).forEach((value, a) => {
        lows[a] = Math.min(lows[a] ?? 0, value)
        highs[a] = Math.max(highs[a] ?? 0, value)
      })
    }
    return lows.map((low, a) => (highs[a] ?? 0) - low + 1)
  }
  // Where a tile lies: its lowest coordinate along each axis (the loops below at index 0).
  const origin = (o: number, c: number, index: readonly number[]): number[] =>
    axes(
      nest,
      o,
      point(loops, index, (loop) => above(loop, c)),
    )
  // Elements of a box (origin, extents) not in another box of the same extents: the set difference.
  const fresh = (extents: readonly number[], now: readonly number[], before: readonly number[] | undefined): number => {
    const size = extents.reduce((product, extent) => product * extent, 1)
    if (before === undefined) return size
    const common = extents.reduce((product, extent, a) => product * Math.max(0, extent - Math.abs((now[a] ?? 0) - (before[a] ?? 0))), 1)
    return size - common
  }
  // The coordinates themselves: every element of the box (origin, extents) outside the other box.
  const freshElements = (extents: readonly number[], now: readonly number[], before: readonly number[] | undefined): string[] => {
    const elements: string[] = []
    const visit = (a: number, coordinate: number[]): void => {
      if (a === extents.length) {
        const held =
          before !== undefined && coordinate.every((value, b) => value >= (before[b] ?? 0) && value < (before[b] ?? 0) + (extents[b] ?? 1))
        if (!held) elements.push(coordinate.join(","))
        return
      }
      for (let i = 0; i < (extents[a] ?? 1); i++) visit(a + 1, [...coordinate, (now[a] ?? 0) + i])
    }
    visit(0, [])
    return elements
  }
  const key = (o: number, c: number, index: readonly number[]): string => {
    const isAbove = (loop: Loop): boolean => above(loop, c) && relevant[o]?.includes(loop.dim) === true
    if (identity === "indices") return loops.map((loop, i) => (isAbove(loop) ? index[i] : "-")).join(",")
    return axes(nest, o, point(loops, index, isAbove)).join(",")
  }

  const reads = Array.from({ length: levels }, () => [0, 0, 0])
  const writes = Array.from({ length: levels }, () => [0, 0, 0])
  let network = 0
  const add = (counts: number[][], level: number, o: number, value: number): void => {
    const row = counts[level]
    if (row !== undefined) row[o] = (row[o] ?? 0) + value
  }
  for (let o = 0; o < 3; o++) {
    const chain = [0]
    const operand = operands[o] ?? "weights"
    for (let l = 1; l < levels; l++) if (accelerator.levels[l]?.holds.includes(operand)) chain.push(l)
    chain.push(levels)
    // Outputs: per step, the child instances whose new residency started with partial sums read
    // back (true) or from zero (false), handed to the next pair down as its parent's residencies.
    let parentFills: Map<number, Map<number, boolean>> | undefined
    for (let j = 1; j < chain.length; j++) {
      const parent = chain[j - 1] ?? 0
      const c = chain[j] ?? levels
      const extents = tileExtents(o, c)
      const size = extents.reduce((product, extent) => product * extent, 1)
      // The fan-outs between parent and child: over the PEs, and over each PE's lanes.
      const crossesPes = parent <= lastShared && c > lastShared
      const crossesLanes = lanes && parent <= lastPe && c > lastPe
      const crossing = crossesPes || crossesLanes
      const crossed = (crossesPes ? 1 : 0) + (crossesLanes ? 1 : 0)
      // Levels keep their tiles; the MACs keep only a partial sum (an accumulator).
      const keeps = c < levels || o === 2
      // Per child instance: its tile, where it lies, its parent's instance and its PE.
      const held = new Map<number, { tile: string; at: number[]; parent: number; pe: number }>()
      // Per parent instance, its current residency: whether it started with partial sums read
      // back, and the child tiles visited since (whose partial sums it then holds). The backing
      // store has one residency, from zero.
      const parentState = new Map<number, { loaded: boolean; visited: Set<string> }>()
      const childFills = new Map<number, Map<number, boolean>>()
      const drain = (drained: Map<number, { tile: string; parent: number; pe: number }>): void => {
        // One update per (parent instance, tile) at the parent; across the lanes' fan-out, one per
        // (PE, tile): each PE's lanes reduce their partial sums apart.
        const updates = new Set<string>()
        const perPe = new Set<string>()
        for (const { tile, parent: at, pe } of drained.values()) {
          add(reads, c, o, size)
          updates.add(`${at}|${tile}`)
          perPe.add(`${pe}|${tile}`)
        }
        add(writes, parent, 2, updates.size * size)
        if (crossesPes) network += updates.size * size
        if (crossesLanes) network += (crossesPes ? perPe.size : updates.size) * size
      }
      steps.forEach((step, stepId) => {
        for (const [instance, loaded] of parentFills?.get(stepId) ?? []) parentState.set(instance, { loaded, visited: new Set() })
        // Per refilled instance: its tile, the elements it did not hold at the previous step, its
        // parent's instance and its PE.
        const refilled = new Map<number, { tile: string; fetched: number; parent: number; pe: number }>()
        // Inputs across a fan-out: the coordinates the instances below fetch, each served once
        // (multicast by data) — over all PEs at the PEs' fan-out, per PE at the lanes'.
        const fetchedByPes = new Set<string>()
        const fetchedByLanes = new Set<string>()
        const drained = new Map<number, { tile: string; parent: number; pe: number }>()
        for (const position of positions) {
          const index = step.map((value, i) => value + (position.index[i] ?? 0))
          const instance = instanceOf(c, position)
          if (refilled.has(instance)) continue // one instance for several positions
          const tile = key(o, c, index)
          const previous = keeps ? held.get(instance) : undefined
          if (previous?.tile === tile) continue
          if (o === 2 && previous !== undefined) drained.set(instance, previous)
          const at = origin(o, c, index)
          // Weights and inputs: only what the level did not hold at the previous step comes in.
          const fetched = o < 2 && c < levels ? fresh(extents, at, previous?.at) : size
          if (o === 1 && crossing) {
            for (const element of freshElements(extents, at, previous?.at)) {
              if (crossesPes) fetchedByPes.add(element)
              if (crossesLanes) fetchedByLanes.add(`${position.pe}|${element}`)
            }
          }
          const entry = { tile, fetched, parent: instanceOf(parent, position), pe: position.pe }
          if (keeps) held.set(instance, { ...entry, at })
          refilled.set(instance, entry)
        }
        const started = new Map<number, boolean>()
        if (o === 2) drain(drained)
        // One transfer per distinct (parent instance, tile): multicast down, reduction up; across
        // the lanes' fan-out below a shared parent, one per distinct (PE, tile).
        const served = new Map<string, number>()
        const servedPerPe = new Map<string, number>()
        let refetched = 0
        for (const [instance, { tile, fetched, parent: at, pe }] of refilled) {
          const servedKey = `${at}|${tile}`
          servedPerPe.set(`${pe}|${tile}`, fetched)
          if (o === 2) {
            // A partial sum is read back only if the parent's copy is not zero, and only to one
            // PE of a reduction group (the others start from zero).
            let back = false
            if (!served.has(servedKey)) {
              const state = parentState.get(at) ?? { loaded: false, visited: new Set<string>() }
              parentState.set(at, state)
              back = state.loaded || state.visited.has(tile)
              state.visited.add(tile)
              if (back) refetched++
            }
            started.set(instance, back)
          }
          served.set(servedKey, fetched)
          if (o < 2 && c < levels) add(writes, c, o, fetched)
        }
        if (o === 2) childFills.set(stepId, started)
        const sum = (map: Map<string, number>): number => [...map.values()].reduce((total, fetched) => total + fetched, 0)
        // What crosses each fan-out: the parent's union at the outermost one crossed; at the lanes'
        // below the PEs', each PE's.
        const acrossPes = o === 1 ? fetchedByPes.size : sum(served)
        const acrossLanes = o === 1 ? fetchedByLanes.size : crossesPes ? sum(servedPerPe) : sum(served)
        const servedElements = o === 1 && crossing ? (crossesPes ? acrossPes : acrossLanes) : sum(served)
        if (o < 2) {
          add(reads, parent, o, servedElements)
          if (crossesPes) network += acrossPes
          if (crossesLanes) network += acrossLanes
        } else {
          add(reads, parent, 2, refetched * size)
          if (c < levels) add(writes, c, 2, refetched * size)
          network += crossed * refetched * size
        }
      })
      if (o === 2) drain(held)
      parentFills = childFills
    }
  }
  return { reads, writes, network, macs: steps.length * positions.length, steps: steps.length }
}

// Tiny nests, accelerators and random mappings for the hierarchy tests.

/** A conv loop nest with the given bounds; H and W are the padded input extents. */
export const tinyNest = (bounds: Partial<Record<Dimension | "stride" | "dilation", number>>, layer = "tiny"): LoopNest => {
  const b = { N: 1, G: 1, K: 1, C: 1, P: 1, Q: 1, R: 1, S: 1, stride: 1, dilation: 1, ...bounds }
  return {
    layer,
    op: "conv2d",
    kind: "conv",
    N: b.N,
    G: b.G,
    K: b.K,
    C: b.C,
    P: b.P,
    Q: b.Q,
    R: b.R,
    S: b.S,
    H: (b.P - 1) * b.stride + (b.R - 1) * b.dilation + 1,
    W: (b.Q - 1) * b.stride + (b.S - 1) * b.dilation + 1,
    strideH: b.stride,
    strideW: b.stride,
    dilationH: b.dilation,
    dilationW: b.dilation,
    weights: "parameters",
    operands: 1,
    fn: "mac",
  }
}

const all: readonly Operand[] = ["weights", "inputs", "outputs"]

/** A level with unit energies (reads 1 pJ, writes 2 pJ) unless overridden. */
export const level = (
  name: string,
  scope: "shared" | "pe" | "lane",
  holds: readonly Operand[] = all,
  extra: Partial<StorageLevel> = {},
): StorageLevel => ({
  name,
  scope,
  readEnergyPj: 1,
  writeEnergyPj: 2,
  holds,
  ...extra,
})

/** An accelerator of the given levels on an x-by-y array, 1 byte per element. */
export const accelerator = (levels: readonly StorageLevel[], x = 2, y = 2, name = "test"): HierarchicalAccelerator => ({
  kind: "hierarchical",
  name,
  bytesPerElement: 1,
  macEnergyPj: 0.5,
  array: { x, y, macsPerPe: 1, networkEnergyPj: 0.25 },
  levels,
})

/** The accelerator of `accelerator(...)` whose PEs have `lanesX` by `lanesY` lanes. */
export const laneAccelerator = (
  levels: readonly StorageLevel[],
  x: number,
  y: number,
  lanesX: number,
  lanesY: number,
  name: string,
): HierarchicalAccelerator => {
  const base = accelerator(levels, x, y, name)
  return { ...base, array: { ...base.array, lanes: { x: lanesX, y: lanesY } } }
}

/**
 * Hierarchies with a second fan-out over each PE's lanes: lane levels below per-PE ones, operands
 * crossing both fan-outs at once (bypassing the per-PE levels), both fan-outs straight onto the
 * MACs, and a Simba-like PE (input, weight and accumulation buffers, a weight register per lane).
 */
export const laneHierarchies: readonly HierarchicalAccelerator[] = [
  laneAccelerator([level("DRAM", "shared"), level("GLB", "shared"), level("RF", "pe"), level("LR", "lane")], 2, 1, 2, 1, "glb-rf-lr"),
  laneAccelerator(
    [level("DRAM", "shared"), level("PEbuf", "pe", ["inputs", "outputs"]), level("wreg", "lane", ["weights"])],
    2,
    1,
    2,
    2,
    "weights-to-lanes",
  ),
  laneAccelerator([level("DRAM", "shared")], 2, 1, 1, 3, "lanes-on-macs"),
  laneAccelerator(
    [
      level("DRAM", "shared"),
      level("GLB", "shared", ["inputs", "outputs"]),
      level("in", "pe", ["inputs"]),
      level("w", "pe", ["weights"]),
      level("acc", "pe", ["outputs"]),
      level("wreg", "lane", ["weights"]),
    ],
    2,
    2,
    2,
    1,
    "simba-style",
  ),
  laneAccelerator(
    [level("DRAM", "shared"), level("L1", "pe"), level("L0", "lane", ["inputs", "outputs"])],
    1,
    2,
    1,
    4,
    "inputs-outputs-in-lanes",
  ),
]

/** Hierarchies exercising bypass, a fan-out straight onto the MACs and several per-PE levels. */
export const hierarchies: readonly HierarchicalAccelerator[] = [
  accelerator([level("DRAM", "shared"), level("GLB", "shared"), level("RF", "pe")], 2, 3, "dram-glb-rf"),
  accelerator(
    [
      level("DRAM", "shared"),
      level("GLB", "shared", ["inputs", "outputs"]),
      level("ifmap", "pe", ["inputs"]),
      level("weights", "pe", ["weights"]),
      level("psum", "pe", ["outputs"]),
    ],
    3,
    2,
    "eyeriss-style",
  ),
  accelerator([level("DRAM", "shared")], 2, 2, "dram-only"),
  accelerator([level("DRAM", "shared"), level("WBUF", "shared", ["weights"]), level("RF", "pe", ["inputs", "outputs"])], 4, 1, "bypass"),
  accelerator([level("DRAM", "shared"), level("L1", "pe"), level("L0", "pe", ["weights", "outputs"])], 1, 4, "two-pe-levels"),
]

/** A seeded generator of floats in [0, 1) (mulberry32). */
export const random = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const primeFactors = (value: number): number[] => {
  const factors: number[] = []
  let rest = value
  for (let p = 2; p * p <= rest; p++) {
    while (rest % p === 0) {
      factors.push(p)
      rest /= p
    }
  }
  if (rest > 1) factors.push(rest)
  return factors
}

const dims: readonly Dimension[] = ["N", "G", "K", "C", "P", "Q", "R", "S"]

/** A random valid (unbounded capacities) mapping of `nest` onto `on`: prime factors dealt to random slots. */
export const randomMapping = (nest: LoopNest, on: HierarchicalAccelerator, next: () => number): Mapping => {
  const levels = on.levels.length
  const temporal: Partial<Record<Dimension, number>>[] = Array.from({ length: levels }, () => ({}))
  const x: Partial<Record<Dimension, number>> = {}
  const y: Partial<Record<Dimension, number>> = {}
  const laneX: Partial<Record<Dimension, number>> = {}
  const laneY: Partial<Record<Dimension, number>> = {}
  let usedX = 1
  let usedY = 1
  let usedLaneX = 1
  let usedLaneY = 1
  const lanes = on.array.lanes
  for (const dim of dims) {
    for (const prime of primeFactors(nest[dim])) {
      const slot = Math.floor(next() * (levels + (lanes === undefined ? 2 : 4)))
      if (slot === levels && usedX * prime <= on.array.x) {
        x[dim] = (x[dim] ?? 1) * prime
        usedX *= prime
      } else if (slot === levels + 1 && usedY * prime <= on.array.y) {
        y[dim] = (y[dim] ?? 1) * prime
        usedY *= prime
      } else if (lanes !== undefined && slot === levels + 2 && usedLaneX * prime <= lanes.x) {
        laneX[dim] = (laneX[dim] ?? 1) * prime
        usedLaneX *= prime
      } else if (lanes !== undefined && slot === levels + 3 && usedLaneY * prime <= lanes.y) {
        laneY[dim] = (laneY[dim] ?? 1) * prime
        usedLaneY *= prime
      } else {
        const l = Math.min(slot, levels - 1)
        const factors = temporal[l]
        if (factors !== undefined) factors[dim] = (factors[dim] ?? 1) * prime
      }
    }
  }
  const shuffled = (): Dimension[] => {
    const order = [...dims]
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      const swap = order[i] as Dimension
      order[i] = order[j] as Dimension
      order[j] = swap
    }
    return order
  }
  const mapped = { levels: temporal.map((factors) => ({ factors, order: shuffled() })), spatial: { x, y } }
  return lanes === undefined ? mapped : { ...mapped, laneSpatial: { x: laneX, y: laneY } }
}

/** A random tiny nest: small bounds, strides and dilations 1-2, sometimes grouped or depthwise. */
export const randomNest = (next: () => number, index: number): LoopNest => {
  const pick = (values: readonly number[]): number => values[Math.floor(next() * values.length)] ?? 1
  const shape = pick([0, 1, 2])
  const grouped = shape === 1
  const depthwise = shape === 2
  return tinyNest(
    {
      N: pick([1, 1, 2]),
      G: depthwise ? pick([2, 3, 4]) : grouped ? 2 : 1,
      K: depthwise ? 1 : pick([1, 2, 3, 4]),
      C: depthwise ? 1 : pick([1, 2, 3, 4]),
      P: pick([1, 2, 3, 4]),
      Q: pick([1, 2, 3]),
      R: pick([1, 2, 3]),
      S: pick([1, 2, 3]),
      stride: pick([1, 2]),
      dilation: pick([1, 1, 2]),
    },
    `random-${index}`,
  )
}
