import type { Operand } from "@cosearch/accelerator"
import type { Dimension, DimensionFactors, LevelMapping, Mapping } from "../mapping/mapping.js"
import type { TimeloopArchitecture } from "./architecture.js"
import { baseName } from "./ert.js"
import { timeloopDataSpaceName } from "./problem.js"
import { placed, type TimeloopSource, type YamlNode, type YamlReader } from "./yaml-read.js"

/**
 * One mapper constraint (or mapping directive) as Timeloop's `architecture_constraints`,
 * `mapspace_constraints` or `constraints` lists give it, kept as data: the target component, the
 * directive's type (`temporal`, `spatial`, `bypass`, ...), its factors with Timeloop's dimension
 * names (0 meaning "any"), its permutation (innermost first, as written), its X/Y split and the
 * data spaces it keeps and bypasses.
 *
 * @example
 * const c: TimeloopConstraint = { target: "shared_glb", type: "bypass", keep: ["Inputs", "Outputs"], bypass: ["Weights"], line: 12 }
 */
export interface TimeloopConstraint {
  readonly target: string
  readonly type: string
  readonly factors?: Readonly<Record<string, number>>
  readonly permutation?: readonly string[]
  readonly split?: number
  readonly keep?: readonly string[]
  readonly bypass?: readonly string[]
  readonly line: number
}

/** What a mapping says about one component: its loops and the operands it keeps or bypasses. @internal */
export interface ComponentDirectives {
  /** Temporal loops with a factor above 1, outermost first. */
  readonly temporal: { readonly dimension: Dimension; readonly factor: number }[]
  /** Spatial factors by axis. */
  readonly x: Map<Dimension, number>
  readonly y: Map<Dimension, number>
  keep?: Operand[]
  bypass?: Operand[]
  /** Where the directives were written, for messages. */
  line: number
  path: string
}

/** A mapping read from YAML or from Timeloop's printed map, by component name. @internal */
export type MappingDirectives = Map<string, ComponentDirectives>

/** The names a mapping uses: Timeloop's dimension and data-space names. @internal */
export interface MappingNames {
  readonly dimensions: ReadonlyMap<string, Dimension>
  readonly dataSpaces: ReadonlyMap<string, Operand>
}

/** The names of Timeloop's conv2D problem, for a mapping read without a problem. @internal */
export const conv2dNames: MappingNames = {
  dimensions: new Map<string, Dimension>([
    ["N", "N"],
    ["G", "G"],
    ["K", "K"],
    ["M", "K"],
    ["C", "C"],
    ["P", "P"],
    ["Q", "Q"],
    ["R", "R"],
    ["S", "S"],
  ]),
  dataSpaces: new Map<string, Operand>(Object.entries(timeloopDataSpaceName).map(([operand, name]) => [name, operand as Operand])),
}

const directivesFor = (into: MappingDirectives, name: string, at: { line: number; path: string }): ComponentDirectives => {
  let found = into.get(name)
  if (found === undefined) {
    found = { temporal: [], x: new Map(), y: new Map(), line: at.line, path: at.path }
    into.set(name, found)
  }
  return found
}

/** `R=1,P=16` / `R=1 P=16` / `[R=1, P=16]` / `{R: 1, P: 16}` → name → factor (as written). */
const readFactors = (reader: YamlReader, at: YamlNode, allowZero: boolean): Map<string, number> | undefined => {
  const factors = new Map<string, number>()
  const add = (name: string, value: number, where: YamlNode): void => {
    if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
      reader.error(where, `factor ${name}=${value}: expected a ${allowZero ? "whole number" : "positive integer"}`)
    } else if (factors.has(name)) reader.error(where, `factor ${name} is given twice`)
    else factors.set(name, value)
  }
  if (reader.isMap(at)) {
    for (const [name, node] of reader.entries(at)) {
      const value = reader.number(node, "a factor")
      if (value !== undefined) add(name, value, node)
    }
    return factors
  }
  const parts = reader.isList(at)
    ? reader.items(at).map((item) => ({ text: reader.scalar(item), where: item }))
    : [{ text: reader.scalar(at), where: at }]
  for (const { text, where } of parts) {
    if (typeof text !== "string") {
      reader.error(where, `expected factors like "C=16 K=2", got ${reader.describe(where)}`)
      continue
    }
    for (const token of text.split(/[\s,]+/).filter((part) => part !== "")) {
      const match = /^([A-Za-z_]+)=?(\d+)$/.exec(token)
      if (match === null) reader.error(where, `expected factors like "C=16 K=2", got ${JSON.stringify(token)}`)
      else add(match[1] ?? "", Number(match[2]), where)
    }
  }
  return factors
}

/** `PRKC` / `[P, R, K, C]` / `P R K C` → names, innermost first (as written). */
const readPermutation = (reader: YamlReader, at: YamlNode): string[] | undefined => {
  if (reader.isList(at)) return reader.names(at)
  const text = reader.scalar(at)
  if (typeof text !== "string") return reader.error(at, `expected a permutation like "PRKC", got ${reader.describe(at)}`)
  const parts = text.split(/[\s,]+/).filter((part) => part !== "")
  return parts.length > 1 ? parts : [...(parts[0] ?? "")]
}

/** Data-space names → operands (an error naming the unknown one). */
const operandsOf = (reader: YamlReader, at: YamlNode | undefined, names: MappingNames): Operand[] | undefined => {
  if (at === undefined) return undefined
  const written = reader.names(at)
  if (written === undefined) return undefined
  const operands: Operand[] = []
  for (const name of written) {
    const operand = names.dataSpaces.get(name)
    if (operand === undefined) reader.error(at, `no data space named ${JSON.stringify(name)} (${[...names.dataSpaces.keys()].join(", ")})`)
    else operands.push(operand)
  }
  return operands
}

/** Reads one constraint or directive entry as data. */
const readConstraint = (reader: YamlReader, at: YamlNode): TimeloopConstraint | undefined => {
  const target = reader.string(reader.field(at, "target"), at, "target")
  const type = reader.string(reader.field(at, "type"), at, "type")
  if (target === undefined || type === undefined) return undefined
  const constraint: { -readonly [key in keyof TimeloopConstraint]: TimeloopConstraint[key] } = {
    target: baseName(target),
    type,
    line: at.line,
  }
  const factorsNode = reader.field(at, "factors")
  if (factorsNode !== undefined) {
    const factors = readFactors(reader, factorsNode, true)
    if (factors !== undefined) constraint.factors = Object.fromEntries(factors)
  }
  const permutationNode = reader.field(at, "permutation")
  if (permutationNode !== undefined) {
    const permutation = readPermutation(reader, permutationNode)
    if (permutation !== undefined) constraint.permutation = permutation
  }
  const splitNode = reader.field(at, "split")
  if (splitNode !== undefined) {
    const split = reader.nonNegative(splitNode, "a split index (a whole number)")
    if (split !== undefined) constraint.split = split
  }
  const keep = reader.names(reader.field(at, "keep"))
  if (reader.field(at, "keep") !== undefined && keep !== undefined) constraint.keep = keep
  const bypass = reader.names(reader.field(at, "bypass"))
  if (reader.field(at, "bypass") !== undefined && bypass !== undefined) constraint.bypass = bypass
  return constraint
}

/**
 * Reads mapper constraints as data: the `targets` list of `architecture_constraints`,
 * `mapspace_constraints` or `constraints` (v0.4), or their v0.3 plain lists. @internal
 */
export const readConstraints = (reader: YamlReader, root: YamlNode): TimeloopConstraint[] => {
  const found: TimeloopConstraint[] = []
  for (const key of ["architecture_constraints", "mapspace_constraints", "constraints", "mapspace"]) {
    const node = reader.field(root, key)
    if (node === undefined || reader.isNothing(node)) continue
    if (key === "mapspace" && reader.field(node, "constraints") === undefined) continue
    const holder = key === "mapspace" ? reader.field(node, "constraints") : node
    const list = reader.isList(holder) ? holder : reader.field(holder, "targets")
    for (const item of reader.items(list)) {
      const constraint = readConstraint(reader, item)
      if (constraint !== undefined) found.push(constraint)
    }
  }
  return found
}

/** The keep/bypass constraints as directives (operands each target keeps or bypasses). @internal */
export const constraintHolds = (constraints: readonly TimeloopConstraint[], names: MappingNames): MappingDirectives => {
  const directives: MappingDirectives = new Map()
  for (const constraint of constraints) {
    if (constraint.type !== "bypass" && constraint.type !== "datatype" && constraint.type !== "dataspace") continue
    const entry = directivesFor(directives, constraint.target, { line: constraint.line, path: "constraints" })
    const operands = (list: readonly string[] | undefined): Operand[] | undefined =>
      list?.flatMap((name) => {
        const operand = names.dataSpaces.get(name)
        return operand === undefined ? [] : [operand]
      })
    const keep = operands(constraint.keep)
    const bypass = operands(constraint.bypass)
    if (keep !== undefined) entry.keep = keep
    if (bypass !== undefined) entry.bypass = bypass
  }
  return directives
}

/**
 * Reads a v0.4/v0.3 `mapping` list: `temporal` and `spatial` directives (factors, permutation
 * innermost first, `split`: the permutation's first `split` dimensions go to X, the rest to Y, all
 * to X when absent) and `bypass` directives (`keep`, `bypass`), by target. @internal
 */
export const readMappingDirectives = (reader: YamlReader, list: YamlNode, names: MappingNames): MappingDirectives => {
  const directives: MappingDirectives = new Map()
  for (const item of reader.items(list)) {
    const targetNode = reader.field(item, "target")
    const target = reader.string(targetNode, item, "target")
    const type = reader.string(reader.field(item, "type"), item, "type")
    if (target === undefined || type === undefined) continue
    const entry = directivesFor(directives, baseName(target), item)
    if (type === "bypass" || type === "datatype" || type === "dataspace") {
      const keep = operandsOf(reader, reader.field(item, "keep"), names)
      const bypass = operandsOf(reader, reader.field(item, "bypass"), names)
      if (keep !== undefined) entry.keep = keep
      if (bypass !== undefined) entry.bypass = bypass
      continue
    }
    if (type !== "temporal" && type !== "spatial") {
      reader.error(reader.field(item, "type") ?? item, `expected temporal, spatial or bypass, got ${JSON.stringify(type)}`)
      continue
    }
    const factorsNode = reader.field(item, "factors")
    const factors = factorsNode === undefined ? new Map<string, number>() : readFactors(reader, factorsNode, false)
    const permutationNode = reader.field(item, "permutation")
    const permutation = (permutationNode === undefined ? [] : readPermutation(reader, permutationNode)) ?? []
    if (factors === undefined) continue
    for (const name of [...factors.keys(), ...permutation]) {
      if (!names.dimensions.has(name)) reader.error(factorsNode ?? item, `no dimension named ${JSON.stringify(name)} in the problem`)
    }
    // Timeloop puts the dimensions a permutation leaves out outermost, in the shape's order.
    const order = [...permutation, ...[...factors.keys()].filter((name) => !permutation.includes(name))]
    if (type === "temporal") {
      for (const name of [...order].reverse()) {
        const factor = factors.get(name) ?? 1
        const dimension = names.dimensions.get(name)
        if (factor > 1 && dimension !== undefined) entry.temporal.push({ dimension, factor })
      }
      continue
    }
    const splitNode = reader.field(item, "split")
    const split = splitNode === undefined ? Number.POSITIVE_INFINITY : reader.nonNegative(splitNode, "a split index (a whole number)")
    if (split === undefined) continue
    order.forEach((name, index) => {
      const factor = factors.get(name) ?? 1
      const dimension = names.dimensions.get(name)
      if (factor <= 1 || dimension === undefined) return
      const axis = index < split ? entry.x : entry.y
      axis.set(dimension, (axis.get(dimension) ?? 1) * factor)
    })
  }
  return directives
}

/**
 * Reads the mapping Timeloop prints (`*.map.txt`): a header per component, `name [ Weights:864
 * (864) Inputs:... ]` listing the data spaces it keeps, then its loops outermost first,
 * `for P in [0:8)`, spatial ones marked `(Spatial-X)` or `(Spatial-Y)`. Errors name the line. @internal
 */
export const readMapText = (source: TimeloopSource, names: MappingNames, errors: string[]): MappingDirectives => {
  const directives: MappingDirectives = new Map()
  let current: ComponentDirectives | undefined
  source.text.split("\n").forEach((raw, index) => {
    const line = index + 1
    const text = raw.trim()
    if (text === "" || /^-+$/.test(text) || text.includes("<< Compute >>")) return
    const header = /^([^\s[|]+)\s*\[(.*)\]$/.exec(text)
    if (header !== null) {
      const name = header[1] ?? ""
      current = directivesFor(directives, name, { line, path: name })
      const kept: Operand[] = []
      for (const token of (header[2] ?? "")
        .trim()
        .split(/\s+/)
        .filter((part) => part !== "" && !part.startsWith("("))) {
        const spaceName = token.split(":")[0] ?? ""
        const operand = names.dataSpaces.get(spaceName)
        if (operand === undefined) errors.push(placed(source, line, name, `no data space named ${JSON.stringify(spaceName)}`))
        else kept.push(operand)
      }
      current.keep = kept
      current.bypass = (["weights", "inputs", "outputs"] as const).filter((operand) => !kept.includes(operand))
      return
    }
    const loop = /^\|?\s*for\s+(\w+)\s+in\s+\[(\d+):(\d+)(,\d+)?\)\s*(\((Spatial-X|Spatial-Y)\))?$/.exec(text)
    if (loop === null) {
      errors.push(
        placed(source, line, "", `expected a component header "name [ ... ]" or a loop "for D in [0:N)", got ${JSON.stringify(text)}`),
      )
      return
    }
    const [, name = "", start = "", end = "", residual, , axis] = loop
    const dimension = names.dimensions.get(name)
    if (current === undefined) errors.push(placed(source, line, "", "a loop before any component header"))
    else if (dimension === undefined)
      errors.push(placed(source, line, current.path, `no dimension named ${JSON.stringify(name)} in the problem`))
    else if (residual !== undefined || Number(start) !== 0) {
      errors.push(
        placed(
          source,
          line,
          current.path,
          `for ${name}: an imperfect factor (${text}) has no cosearch mapping: factors divide their bounds`,
        ),
      )
    } else if (Number(end) > 1) {
      const factor = Number(end)
      if (axis === undefined) current.temporal.push({ dimension, factor })
      else {
        const into = axis === "Spatial-X" ? current.x : current.y
        into.set(dimension, (into.get(dimension) ?? 1) * factor)
      }
    }
  })
  return directives
}

/** The operands each component keeps under a mapping's (or the constraints') keep and bypass directives. @internal */
export const holdsOf = (directives: MappingDirectives): Map<string, Operand[]> => {
  const holds = new Map<string, Operand[]>()
  for (const [name, entry] of directives) {
    if (entry.keep === undefined && entry.bypass === undefined) continue
    const bypassed = entry.bypass ?? []
    const kept = entry.keep ?? []
    holds.set(
      name,
      (["weights", "inputs", "outputs"] as const).filter((operand) => kept.includes(operand) || !bypassed.includes(operand)),
    )
  }
  return holds
}

/**
 * The cosearch mapping of a Timeloop mapping on an architecture: each storage component's
 * temporal loops become its level's factors and order; the spatial factors of the component
 * just above the fan-out (the last shared level, or the dummies between it and the first per-PE
 * level, which collapse into one fan-out) become X and Y, and those at the second fan-out (the
 * last per-PE level, or the dummies between it and the first per-lane level or the MACs) the lanes'
 * X and Y (`laneSpatial`). Loops anywhere else are refused, naming the component. @internal
 */
export const mappingOf = (
  architecture: TimeloopArchitecture,
  directives: MappingDirectives,
  place: (line: number, path: string, message: string) => string,
  errors: string[],
): Mapping | undefined => {
  const before = errors.length
  const components = architecture.components
  const storage = components.filter((component) => component.role === "storage")
  const compute = components[components.length - 1]
  const lastShared = storage.reduce((last, component, index) => (component.instances === 1 ? index : last), -1)
  const lastSharedComponent = storage[lastShared]
  const fanOutFrom = lastSharedComponent === undefined ? -1 : components.indexOf(lastSharedComponent)
  const firstPeComponent = storage[lastShared + 1] ?? compute
  const fanOutTo = firstPeComponent === undefined ? components.length : components.indexOf(firstPeComponent)
  // The second fan-out, over each PE's lanes: from the last per-PE level to the first per-lane
  // level (or the MACs), when the MACs outnumber the PEs.
  const pes = firstPeComponent?.instances ?? 1
  const lanesFrom = (() => {
    let last = -1
    components.forEach((component, index) => {
      if (component.role === "storage" && component.instances === pes && pes > 1) last = index
    })
    return last
  })()
  const laneFanOut = (compute?.instances ?? 1) > pes && lanesFrom >= 0
  const lanesTo = laneFanOut
    ? components.findIndex((component, index) => index > lanesFrom && (component.role !== "dummy" || component.instances > pes))
    : -1
  const x: Record<string, number> = {}
  const y: Record<string, number> = {}
  const laneX: Record<string, number> = {}
  const laneY: Record<string, number> = {}
  const levels: LevelMapping[] = []
  for (const name of directives.keys()) {
    if (!components.some((component) => component.name === name)) {
      const entry = directives.get(name)
      errors.push(
        place(entry?.line ?? 1, entry?.path ?? "mapping", `target ${JSON.stringify(name)}: no component of that name in the architecture`),
      )
    }
  }
  components.forEach((component, index) => {
    const entry = directives.get(component.name)
    const here = (message: string): void => {
      errors.push(place(entry?.line ?? component.line, entry?.path ?? component.written, message))
    }
    const spatial = entry === undefined ? [] : [...entry.x, ...entry.y].filter(([, factor]) => factor > 1)
    const overPes = index >= fanOutFrom && index < fanOutTo && !(component.role === "dummy" && index === fanOutFrom)
    const overLanes = laneFanOut && index >= lanesFrom && index < lanesTo
    if (spatial.length > 0 && !overPes && !overLanes) {
      here(
        `${component.name}: spatial factors (${spatial.map(([d, f]) => `${d}=${f}`).join(" ")}) where the data does not fan out; cosearch fans out below ${lastSharedComponent?.name ?? "the MACs"} (to the PEs)${laneFanOut ? ` and below ${components[lanesFrom]?.name} (to the lanes)` : ""}`,
      )
    }
    const [intoX, intoY] = overLanes && !overPes ? [laneX, laneY] : [x, y]
    for (const [dimension, factor] of entry?.x ?? []) if (factor > 1) intoX[dimension] = (intoX[dimension] ?? 1) * factor
    for (const [dimension, factor] of entry?.y ?? []) if (factor > 1) intoY[dimension] = (intoY[dimension] ?? 1) * factor
    if (component.role !== "storage") {
      if ((entry?.temporal.length ?? 0) > 0) {
        here(
          `${component.name}: temporal loops (${entry?.temporal.map((loop) => `${loop.dimension}=${loop.factor}`).join(" ")}) at a ${component.role === "dummy" ? "dummy_storage level" : "compute unit"}, which holds no tile`,
        )
      }
      return
    }
    const factors: { -readonly [d in Dimension]?: number } = {}
    const order: Dimension[] = []
    for (const loop of entry?.temporal ?? []) {
      if (factors[loop.dimension] !== undefined) {
        here(`${component.name}: two temporal loops over ${loop.dimension} at one level`)
        continue
      }
      factors[loop.dimension] = loop.factor
      order.push(loop.dimension)
    }
    levels.push({ factors: factors as DimensionFactors, order })
  })
  if (errors.length > before) return undefined
  const lanes = Object.keys(laneX).length + Object.keys(laneY).length > 0
  return lanes ? { levels, spatial: { x, y }, laneSpatial: { x: laneX, y: laneY } } : { levels, spatial: { x, y } }
}
