import type { HierarchicalAccelerator, Operand, StorageLevel } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { stringify } from "yaml"
import { type Dimension, dimensions, type Mapping } from "../mapping/mapping.js"
import { timeloopDataSpaceName } from "./problem.js"

/**
 * The result of a Timeloop writer: the YAML text, or what Timeloop cannot describe, each message
 * naming the field.
 *
 * @example
 * const written: TimeloopWritten = timeloopSpecYaml({ accelerator: eyerissV1Like })
 * if (written.ok) writeFileSync("arch.yaml", written.text)
 */
export type TimeloopWritten = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly errors: readonly string[] }

/**
 * What `timeloopSpecYaml` writes: an accelerator, and optionally a problem and a mapping of it.
 *
 * @example
 * const input: TimeloopSpecInput = { accelerator: eyerissV1Like, nest, mapping }
 */
export interface TimeloopSpecInput {
  readonly accelerator: HierarchicalAccelerator
  readonly nest?: LoopNest
  readonly mapping?: Mapping
}

const yamlOptions = { lineWidth: 0, indent: 2 } as const

/** Timeloop's name of a cosearch dimension (its conv2D calls K `M`). */
const timeloopDimension = (dimension: Dimension): string => (dimension === "K" ? "M" : dimension)

/** The names Timeloop reads: letters, digits and underscores, not starting with a digit. */
const timeloopName = (name: string): string => {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, "_")
  return cleaned === "" || /^\d/.test(cleaned) ? `_${cleaned}` : cleaned
}

/** Each level's name in Timeloop (unique), then the MAC's. */
const componentNames = (accelerator: HierarchicalAccelerator): { readonly levels: string[]; readonly mac: string } => {
  const used = new Set<string>()
  const unique = (wanted: string): string => {
    let name = wanted
    for (let i = 1; used.has(name); i++) name = `${wanted}_${i}`
    used.add(name)
    return name
  }
  const levels = accelerator.levels.map((level) => unique(timeloopName(level.name)))
  return { levels, mac: unique("mac") }
}

const pes = (accelerator: HierarchicalAccelerator): number => accelerator.array.x * accelerator.array.y

/** `architecture` and `architecture_constraints` (the levels' keep and bypass lists) of an accelerator. */
const architectureSections = (accelerator: HierarchicalAccelerator, errors: string[]): Record<string, unknown> => {
  const names = componentNames(accelerator)
  const bytes = accelerator.bytesPerElement
  const bits = bytes * 8
  if (accelerator.array.macsPerPe !== 1) {
    errors.push(
      `array.macsPerPe: Timeloop's arithmetic units each take a share of the mapping's spatial loops; cosearch's PEs with ${accelerator.array.macsPerPe} MACs split their temporal iterations, which a Timeloop mapping cannot say`,
    )
  }
  if (accelerator.array.lanes !== undefined || accelerator.levels.some((level) => level.scope === "lane"))
    errors.push(
      "array.lanes: a second fan-out inside the PEs (lanes and lane levels) is not written as Timeloop YAML yet; Timeloop would describe it as a nested subtree",
    )
  const topAttributes: Record<string, unknown> = { version: "0.4" }
  if (accelerator.clockMhz !== undefined) topAttributes.global_cycle_seconds = 1e-6 / accelerator.clockMhz
  const topName = timeloopName(accelerator.name)
  if (topName !== accelerator.name) topAttributes.cosearch_name = accelerator.name
  if (accelerator.array.networkEnergyPj !== undefined) topAttributes.cosearch_network_energy_pj = accelerator.array.networkEnergyPj
  if (accelerator.area?.totalMm2 !== undefined) topAttributes.cosearch_area_mm2 = accelerator.area.totalMm2
  if (accelerator.accounting !== undefined) topAttributes.cosearch_accounting = accelerator.accounting
  const mesh = (level: StorageLevel | undefined): { meshX: number; meshY: number } =>
    level === undefined || level.scope === "pe" ? { meshX: accelerator.array.x, meshY: accelerator.array.y } : { meshX: 1, meshY: 1 }
  const local = accelerator.levels.map((level, i) => {
    const name = names.levels[i] ?? ""
    const block = level.vectorElements ?? 1
    const attributes: Record<string, unknown> = { datawidth: bits, width: bits * block }
    if (level.capacityBytes !== undefined) {
      const elements = level.capacityBytes / bytes
      if (!Number.isInteger(elements))
        errors.push(`levels[${i}].capacityBytes: ${level.capacityBytes} is not a whole number of ${bytes}-byte elements`)
      else if (elements % block === 0) attributes.depth = elements / block
      else attributes.entries = elements
    }
    if (level.bandwidthBytesPerCycle !== undefined) attributes.shared_bandwidth = level.bandwidthBytesPerCycle / bytes
    attributes.multiple_buffering = level.doubleBuffered === true ? 2 : 1
    Object.assign(attributes, mesh(level))
    if (name !== level.name) attributes.cosearch_name = level.name
    if (level.trafficModel !== undefined) attributes.cosearch_traffic_model = level.trafficModel
    if (level.energyModel !== undefined) attributes.cosearch_energy_model = level.energyModel
    const instances = level.scope === "pe" ? pes(accelerator) : 1
    return {
      name: `${name}[1..${instances}]`,
      class: level.offChip === true ? "DRAM" : "SRAM",
      attributes,
      required_actions: ["read", "write", "update", "leak"],
    }
  })
  const macAttributes: Record<string, unknown> = { width: bits, ...mesh(undefined) }
  if (accelerator.precision !== undefined) macAttributes.cosearch_precision = accelerator.precision
  local.push({ name: `${names.mac}[1..${pes(accelerator)}]`, class: "intmac", attributes: macAttributes, required_actions: ["compute"] })
  return {
    architecture: { version: "0.4", subtree: [{ name: topName, attributes: topAttributes, local }] },
    architecture_constraints: { targets: accelerator.levels.map((level, i) => bypassDirective(names.levels[i] ?? "", level)) },
  }
}

/** A keep/bypass directive for a level. */
const bypassDirective = (target: string, level: StorageLevel): Record<string, unknown> => {
  const all: readonly Operand[] = ["weights", "inputs", "outputs"]
  return {
    target,
    type: "bypass",
    keep: all.filter((operand) => level.holds.includes(operand)).map((operand) => timeloopDataSpaceName[operand]),
    bypass: all.filter((operand) => !level.holds.includes(operand)).map((operand) => timeloopDataSpaceName[operand]),
  }
}

/** The dimensions a conv2D problem (with G when grouped) has, in Timeloop's names. */
const problemDimensions = (grouped: boolean): Dimension[] => ["C", "K", "R", "S", "N", "P", "Q", ...(grouped ? (["G"] as Dimension[]) : [])]

/** `problem` of a nest: Timeloop's conv2D (with a G axis when grouped), named after the layer. */
const problemSection = (nest: LoopNest, errors: string[]): Record<string, unknown> => {
  if (nest.kind !== "conv" && nest.kind !== "matmul") {
    errors.push(`kind: Timeloop's problem is a multiply-accumulate nest; layer "${nest.layer}" is a ${nest.kind} nest (${nest.op})`)
  }
  const grouped = nest.G > 1
  const term = (dimension: string, coefficient?: string): string[] => (coefficient === undefined ? [dimension] : [dimension, coefficient])
  const g = grouped ? [[term("G")]] : []
  const instance: Record<string, number> = {}
  for (const dimension of problemDimensions(grouped)) instance[timeloopDimension(dimension)] = nest[dimension]
  Object.assign(instance, { Wstride: nest.strideH, Hstride: nest.strideW, Wdilation: nest.dilationH, Hdilation: nest.dilationW })
  return {
    problem: {
      version: "0.4",
      shape: {
        name: nest.layer,
        dimensions: problemDimensions(grouped).map(timeloopDimension),
        coefficients: ["Wstride", "Hstride", "Wdilation", "Hdilation"].map((name) => ({ name, default: 1 })),
        data_spaces: [
          { name: "Weights", projection: [...g, [term("C")], [term("M")], [term("R")], [term("S")]] },
          {
            name: "Inputs",
            projection: [
              [term("N")],
              ...g,
              [term("C")],
              [term("R", "Wdilation"), term("P", "Wstride")],
              [term("S", "Hdilation"), term("Q", "Hstride")],
            ],
          },
          { name: "Outputs", projection: [[term("N")], ...g, [term("M")], [term("Q")], [term("P")]], read_write: true },
        ],
      },
      instance,
    },
  }
}

/** `mapping` of a cosearch mapping on an accelerator: temporal directives per level, one spatial at the fan-out, the bypasses. */
const mappingSection = (
  mapping: Mapping,
  accelerator: HierarchicalAccelerator,
  grouped: boolean,
  errors: string[],
): Record<string, unknown> => {
  const names = componentNames(accelerator)
  const used = new Set<Dimension>(problemDimensions(grouped))
  for (const level of mapping.levels) for (const dimension of level.order) used.add(dimension)
  for (const axis of [mapping.spatial.x, mapping.spatial.y]) for (const dimension of Object.keys(axis) as Dimension[]) used.add(dimension)
  const all = dimensions.filter((dimension) => used.has(dimension))
  const factorText = (factor: (dimension: Dimension) => number): string => all.map((d) => `${timeloopDimension(d)}=${factor(d)}`).join(" ")
  const directives: Record<string, unknown>[] = []
  if (mapping.levels.length !== accelerator.levels.length) {
    errors.push(`levels: the mapping has ${mapping.levels.length} levels, the accelerator ${accelerator.levels.length}`)
  }
  let lastShared = -1
  accelerator.levels.forEach((level, i) => {
    if (level.scope === "shared") lastShared = i
  })
  accelerator.levels.forEach((level, i) => {
    const target = names.levels[i] ?? ""
    const levelMapping = mapping.levels[i]
    const order = [...(levelMapping?.order ?? [])].reverse()
    const permutation = [...order, ...all.filter((d) => !order.includes(d))]
    directives.push({
      target,
      type: "temporal",
      factors: factorText((d) => levelMapping?.factors[d] ?? 1),
      permutation: permutation.map(timeloopDimension).join(""),
    })
    if (i === lastShared) {
      const x = all.filter((d) => (mapping.spatial.x[d] ?? 1) > 1)
      const y = all.filter((d) => (mapping.spatial.y[d] ?? 1) > 1)
      const both = x.filter((d) => y.includes(d))
      if (both.length > 0) {
        errors.push(
          `spatial: ${both.join(", ")} spread over both X and Y, which one Timeloop spatial directive cannot say (a dimension has one factor per directive)`,
        )
      }
      const rest = all.filter((d) => !x.includes(d) && !y.includes(d))
      directives.push({
        target,
        type: "spatial",
        factors: factorText((d) => (mapping.spatial.x[d] ?? 1) * (mapping.spatial.y[d] ?? 1)),
        permutation: [...x, ...y, ...rest].map(timeloopDimension).join(""),
        split: x.length,
      })
    }
    directives.push(bypassDirective(target, level))
  })
  return { mapping: directives }
}

const written = (errors: readonly string[], sections: Record<string, unknown>): TimeloopWritten =>
  errors.length > 0 ? { ok: false, errors } : { ok: true, text: stringify(sections, yamlOptions) }

/**
 * Writes a Timeloop v0.4 description of a cosearch design in one YAML document, as Timeloop's
 * front end writes its processed input: `architecture` (a `subtree` whose `local` components
 * are the levels, `name[1..N]` with the PE mesh for per-PE levels, then the MACs),
 * `architecture_constraints` (what each level keeps and bypasses) and, when given, `problem` and
 * `mapping`. `readTimeloopSpec` reads it back to the same objects (with `timeloopErtYaml` for the
 * energies). What Timeloop has no word for is written as `cosearch_*` attributes, which Timeloop
 * ignores. Refused, naming the field: PEs with several MACs, capacities that are not whole
 * elements, a dimension spread over both X and Y, nests that are not MAC nests.
 *
 * @example
 * const written = timeloopSpecYaml({ accelerator: eyerissV1Like, nest, mapping })
 * if (written.ok) writeFileSync("eyeriss.yaml", written.text)
 */
export const timeloopSpecYaml = (input: TimeloopSpecInput): TimeloopWritten => {
  const errors: string[] = []
  const sections = architectureSections(input.accelerator, errors)
  if (input.nest !== undefined) Object.assign(sections, problemSection(input.nest, errors))
  if (input.mapping !== undefined)
    Object.assign(sections, mappingSection(input.mapping, input.accelerator, (input.nest?.G ?? 1) > 1, errors))
  return written(errors, sections)
}

/**
 * Writes an accelerator as Timeloop v0.4 `architecture` and `architecture_constraints` YAML
 * (`timeloopSpecYaml` without problem and mapping).
 *
 * @example
 * const written = timeloopArchitectureYaml(maestro256Pe)
 * if (written.ok) console.log(written.text)
 */
export const timeloopArchitectureYaml = (accelerator: HierarchicalAccelerator): TimeloopWritten => timeloopSpecYaml({ accelerator })

/**
 * Writes a loop nest as a Timeloop v0.4 `problem`: the conv2D shape (a G axis when grouped; K is
 * Timeloop's M; `strideH`/`dilationH` pair P with R as `Wstride`/`Wdilation`, `strideW`/`dilationW`
 * Q with S), named after the layer.
 *
 * @example
 * const written = timeloopProblemYaml(nest)
 * if (written.ok) writeFileSync("problem.yaml", written.text)
 */
export const timeloopProblemYaml = (nest: LoopNest): TimeloopWritten => {
  const errors: string[] = []
  return written(errors, problemSection(nest, errors))
}

/**
 * Writes a mapping on an accelerator as a Timeloop v0.4 `mapping`: per level a temporal
 * directive (all dimensions, permutation innermost first), at the last shared level a spatial
 * directive (X dimensions first, `split` their count) and a bypass directive per level.
 *
 * @example
 * const written = timeloopMappingYaml(mapping, eyerissV1Like)
 * if (written.ok) writeFileSync("mapping.yaml", written.text)
 */
export const timeloopMappingYaml = (mapping: Mapping, accelerator: HierarchicalAccelerator, nest?: LoopNest): TimeloopWritten => {
  const errors: string[] = []
  return written(errors, mappingSection(mapping, accelerator, (nest?.G ?? 1) > 1, errors))
}

/**
 * Writes an accelerator's energies as an Accelergy ERT summary (as Timeloop writes
 * `*.ERT_summary.yaml`): per level `read`, `write` and `update` of one vector (`vectorElements`
 * elements) and `leak` 0, and the MAC's `compute`.
 *
 * @example
 * const ert = timeloopErtYaml(eyerissV1Like)
 * if (ert.ok) writeFileSync("ERT_summary.yaml", ert.text)
 */
export const timeloopErtYaml = (accelerator: HierarchicalAccelerator): TimeloopWritten => {
  const names = componentNames(accelerator)
  const top = timeloopName(accelerator.name)
  const table_summary = accelerator.levels.map((level, i) => {
    const block = level.vectorElements ?? 1
    const instances = level.scope === "pe" ? pes(accelerator) : 1
    return {
      name: `${top}.${names.levels[i] ?? ""}[1..${instances}]`,
      actions: [
        { name: "read", energy: level.readEnergyPj * block },
        { name: "write", energy: level.writeEnergyPj * block },
        { name: "update", energy: (level.updateEnergyPj ?? level.writeEnergyPj) * block },
        { name: "leak", energy: 0 },
      ],
    }
  })
  table_summary.push({
    name: `${top}.${names.mac}[1..${pes(accelerator)}]`,
    actions: [{ name: "compute", energy: accelerator.macEnergyPj }],
  })
  return written([], { ERT_summary: { version: "0.4", table_summary } })
}
