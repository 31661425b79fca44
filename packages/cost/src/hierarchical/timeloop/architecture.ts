import type {
  Accounting,
  EnergyModel,
  HierarchicalAccelerator,
  MacPrecision,
  Operand,
  StorageLevel,
  TrafficModel,
} from "@cosearch/accelerator"
import { baseName, type TimeloopErt } from "./ert.js"
import { type AttributeNodes, attribute, type YamlNode, type YamlReader } from "./yaml-read.js"

/**
 * One component of a Timeloop architecture, flattened out of its `subtree`/`local` tree in
 * order (outermost first): a storage level, a `dummy_storage` (a point where the data fans out,
 * holding nothing) or the arithmetic (the MACs). Sizes are in words of the component's own
 * `datawidth` (Timeloop's word bits); a block is the words one access moves (`width / datawidth`).
 *
 * @example
 * const glb: TimeloopComponent = { name: "GlobalBuffer", written: "GlobalBuffer[1..16]", role: "storage",
 *   className: "SRAM", instances: 16, meshX: 16, meshY: 1, wordBits: 8, blockSize: 8, words: 262144, line: 40 }
 */
export interface TimeloopComponent {
  /** The name without its instance range (`GlobalBuffer`). */
  readonly name: string
  /** The name as written (`GlobalBuffer[1..16]`). */
  readonly written: string
  readonly role: "storage" | "dummy" | "compute"
  readonly className: string
  /** Instances in the whole chip: the product of the ranges of the component and its enclosing subtrees. */
  readonly instances: number
  readonly meshX: number
  readonly meshY: number
  /** Bits per word (`datawidth`, `word_bits`; Timeloop's default 16). */
  readonly wordBits: number
  /** Words per access (`block_size`, or `width / datawidth`). */
  readonly blockSize: number
  /** Capacity in words per instance; absent: unbounded. */
  readonly words?: number
  /** Words per cycle per instance. */
  readonly sharedBandwidth?: number
  readonly readBandwidth?: number
  readonly writeBandwidth?: number
  readonly multipleBuffering?: number
  /** cosearch's own attributes, written by the exporter (Timeloop ignores them). */
  readonly cosearch: CosearchAttributes
  readonly line: number
}

/** Attributes the exporter writes for what Timeloop has no word for; read back so a round trip is exact. @internal */
export interface CosearchAttributes {
  readonly name?: string
  readonly precision?: MacPrecision
  readonly trafficModel?: TrafficModel
  readonly energyModel?: EnergyModel
  readonly networkEnergyPj?: number
  readonly areaMm2?: number
  readonly accounting?: Accounting
}

/**
 * A Timeloop architecture read from YAML: the top-level name, its clock (`global_cycle_seconds`)
 * and the components in order.
 *
 * @example
 * const arch: TimeloopArchitecture = { name: "System_top_level", clockMhz: 1000, components: [], cosearch: {} }
 */
export interface TimeloopArchitecture {
  readonly name: string
  readonly clockMhz?: number
  readonly components: readonly TimeloopComponent[]
  readonly cosearch: CosearchAttributes
}

/** `name[a..b]` → the name and `b - a + 1` instances (Timeloop's v0.4 names count from 1, v0.3's from 0). */
const splitRange = (written: string): { readonly name: string; readonly count: number } | undefined => {
  const match = /^(.*?)\s*\[\s*(\d+)\s*\.\.\s*(\d+)\s*\]\s*$/.exec(written)
  if (match === null) return { name: written.trim(), count: 1 }
  const from = Number(match[2])
  const to = Number(match[3])
  if (to < from) return undefined
  return { name: (match[1] ?? "").trim(), count: to - from + 1 }
}

/** A clock in MHz from a cycle time in seconds, to 12 significant digits (1e-9 → 1000, 5e-9 → 200). @internal */
export const clockMhzOf = (seconds: number): number => Number((1e-6 / seconds).toPrecision(12))

const isDummy = (className: string): boolean => className === "dummy_storage"
const isCompute = (className: string, actions: readonly string[]): boolean =>
  actions.includes("compute") || /(^|_)(int|fp)?mac$|^mac|compute|multiplier|alu/i.test(className)

/** Reads the cosearch-only attributes (`cosearch_*`). */
const readCosearch = (reader: YamlReader, attributes: AttributeNodes): CosearchAttributes => {
  const result: { -readonly [key in keyof CosearchAttributes]: CosearchAttributes[key] } = {}
  const text = (key: string, allowed?: readonly string[]): string | undefined => {
    const at = attributes.get(key)
    if (at === undefined) return undefined
    const value = reader.scalar(at)
    if (typeof value === "string" && (allowed === undefined || allowed.includes(value))) return value
    return reader.error(at, `expected ${allowed === undefined ? "a name" : allowed.join(" or ")}, got ${reader.describe(at)}`)
  }
  const name = text("cosearch_name")
  if (name !== undefined) result.name = name
  const precision = text("cosearch_precision", ["int8", "bf16", "fp32"])
  if (precision !== undefined) result.precision = precision as MacPrecision
  const traffic = text("cosearch_traffic_model", ["accesses", "tiles-per-step"])
  if (traffic !== undefined) result.trafficModel = traffic as TrafficModel
  const energy = text("cosearch_energy_model", ["accesses", "maestro"])
  if (energy !== undefined) result.energyModel = energy as EnergyModel
  const accounting = text("cosearch_accounting", ["physical", "timeloop"])
  if (accounting !== undefined) result.accounting = accounting as Accounting
  const network = attributes.get("cosearch_network_energy_pj")
  if (network !== undefined) {
    const value = reader.nonNegative(network, "an energy in pJ (a number >= 0)")
    if (value !== undefined) result.networkEnergyPj = value
  }
  const area = attributes.get("cosearch_area_mm2")
  if (area !== undefined) {
    const value = reader.positive(area, "an area in mm² (a positive number)")
    if (value !== undefined) result.areaMm2 = value
  }
  return result
}

/** A component's attributes: the inherited ones, then its own. */
const attributesOf = (reader: YamlReader, at: YamlNode, inherited: AttributeNodes): Map<string, YamlNode> => {
  const merged = new Map(inherited)
  const own = reader.field(at, "attributes")
  if (own !== undefined && !reader.isNothing(own) && !reader.isMap(own))
    reader.error(own, `expected a mapping, got ${reader.describe(own)}`)
  for (const [key, value] of reader.entries(own)) merged.set(key, value)
  return merged
}

/** Reads one `local` component. */
const readComponent = (reader: YamlReader, at: YamlNode, multiplier: number, inherited: AttributeNodes): TimeloopComponent | undefined => {
  const before = reader.errors.length
  const written = reader.string(reader.field(at, "name"), at, "name")
  const className = reader.string(reader.field(at, "class"), at, "class")
  if (written === undefined || className === undefined) return undefined
  const range = splitRange(written)
  if (range === undefined)
    return reader.error(reader.field(at, "name") ?? at, `expected an instance range name[first..last], got ${JSON.stringify(written)}`)
  const attributes = attributesOf(reader, at, inherited)
  const actions = reader.names(reader.field(at, "required_actions")) ?? []
  const role = isDummy(className) ? "dummy" : isCompute(className, actions) ? "compute" : "storage"
  const instances = multiplier * range.count
  const integer = (...names: string[]): number | undefined => {
    const found = attribute(attributes, ...names)
    return found === undefined ? undefined : reader.positiveInteger(found)
  }
  const positive = (...names: string[]): number | undefined => {
    const found = attribute(attributes, ...names)
    return found === undefined || reader.isNothing(found) ? undefined : reader.positive(found)
  }
  const meshXGiven = integer("meshX")
  const meshYGiven = integer("meshY")
  const meshX = meshXGiven ?? (meshYGiven === undefined ? instances : instances / meshYGiven)
  const meshY = meshYGiven ?? instances / meshX
  if (!Number.isInteger(meshX) || !Number.isInteger(meshY) || meshX * meshY !== instances) {
    reader.error(
      attribute(attributes, "meshX", "meshY") ?? at,
      `${written}: meshX ${meshXGiven ?? "(absent)"} by meshY ${meshYGiven ?? "(absent)"} does not lay out its ${instances} instances`,
    )
  }
  const wordBits = role === "dummy" ? 1 : (integer("word_bits", "word_width", "datawidth") ?? 16)
  let blockSize = integer("block_size", "n_words")
  const width = role === "storage" ? integer("width", "memory_width", "data_storage_width") : undefined
  const clusterSize = integer("cluster_size") ?? 1
  if (width !== undefined) {
    const derived = width / clusterSize / wordBits
    if (blockSize === undefined && Number.isInteger(derived)) blockSize = derived
    if (width % (wordBits * (blockSize ?? 1)) !== 0 || blockSize === undefined) {
      reader.error(
        attribute(attributes, "width", "memory_width", "data_storage_width") ?? at,
        `${written}: width ${width} is not a whole number of ${wordBits}-bit words${blockSize === undefined ? "" : ` in blocks of ${blockSize}`}`,
      )
    }
  }
  blockSize ??= 1
  let words: number | undefined
  if (role === "storage") {
    const entries = integer("entries")
    const depth = integer("depth", "memory_depth", "data_storage_depth")
    const sizeKb = integer("sizeKB")
    if (entries !== undefined) words = entries
    else if (depth !== undefined) words = depth * blockSize
    else if (sizeKb !== undefined) words = Math.floor((sizeKb * 1024 * 8) / wordBits)
  }
  const component: { -readonly [key in keyof TimeloopComponent]: TimeloopComponent[key] } = {
    name: range.name,
    written,
    role,
    className,
    instances,
    meshX,
    meshY,
    wordBits,
    blockSize,
    cosearch: readCosearch(reader, new Map(reader.entries(reader.field(at, "attributes")))),
    line: at.line,
  }
  if (words !== undefined) component.words = words
  if (role === "storage") {
    const shared = positive("shared_bandwidth")
    const read = positive("read_bandwidth")
    const write = positive("write_bandwidth")
    if (shared !== undefined) component.sharedBandwidth = shared
    if (read !== undefined) component.readBandwidth = read
    if (write !== undefined) component.writeBandwidth = write
    const buffering = attribute(attributes, "multiple_buffering")
    if (buffering !== undefined) {
      const value = reader.number(buffering, "a number of buffers (1 or 2)")
      if (value !== undefined && value !== 1 && value !== 2)
        reader.error(buffering, `cosearch models single (1) or double (2) buffering, got ${value}`)
      else if (value !== undefined) component.multipleBuffering = value
    }
  }
  return reader.errors.length > before ? undefined : component
}

/** Walks a v0.4/v0.3 subtree: its `local` components, then its nested `subtree`s. */
const walk = (reader: YamlReader, at: YamlNode, multiplier: number, inherited: AttributeNodes, into: TimeloopComponent[]): void => {
  const nameNode = reader.field(at, "name")
  const name = nameNode === undefined ? "" : (reader.string(nameNode, at, "name") ?? "")
  const range = splitRange(name)
  if (range === undefined) reader.error(nameNode ?? at, `expected an instance range name[first..last], got ${JSON.stringify(name)}`)
  const count = multiplier * (range?.count ?? 1)
  const attributes = attributesOf(reader, at, inherited)
  for (const local of reader.items(reader.field(at, "local"))) {
    const enabled = reader.scalar(reader.field(local, "enabled"))
    if (enabled === false) continue
    const component = readComponent(reader, local, count, attributes)
    if (component !== undefined) into.push(component)
  }
  for (const child of reader.items(reader.field(at, "subtree"))) walk(reader, child, count, attributes, into)
}

/**
 * Reads `architecture` (v0.4's `subtree`/`local` tree as Timeloop's front end writes it, and
 * v0.3's nested `subtree`s with instance ranges on subtrees and components) into its components
 * in order. Errors name the line and key path. @internal
 */
export const readArchitecture = (reader: YamlReader, architecture: YamlNode): TimeloopArchitecture | undefined => {
  const before = reader.errors.length
  if (reader.field(architecture, "nodes") !== undefined) {
    reader.error(
      reader.field(architecture, "nodes") ?? architecture,
      "Timeloop v4's front-end tree (nodes) is not read: give the parsed-processed-input.yaml Timeloop writes, or a v0.4/v0.3 subtree",
    )
    return undefined
  }
  const subtrees = reader.field(architecture, "subtree")
  if (subtrees === undefined) {
    reader.error(reader.child(architecture, "subtree"), "missing (a v0.4 or v0.3 architecture is a subtree of local components)")
    return undefined
  }
  const tops = reader.items(subtrees)
  const top = tops[0]
  if (top === undefined) {
    reader.error(subtrees, "expected a list with the top-level subtree, got an empty list")
    return undefined
  }
  if (tops.length > 1) reader.error(tops[1] ?? subtrees, "expected one top-level subtree (nest the others inside it)")
  const components: TimeloopComponent[] = []
  walk(reader, top, 1, new Map(), components)
  const topAttributes = attributesOf(reader, top, new Map())
  const cycle = attribute(topAttributes, "global_cycle_seconds")
  const seconds = cycle === undefined || reader.isNothing(cycle) ? undefined : reader.positive(cycle, "a cycle time in seconds")
  const name = splitRange(reader.string(reader.field(top, "name"), top, "name") ?? "")?.name ?? ""
  if (reader.errors.length > before) return undefined
  return {
    name,
    ...(seconds === undefined ? {} : { clockMhz: clockMhzOf(seconds) }),
    components,
    cosearch: readCosearch(reader, topAttributes),
  }
}

/**
 * The hierarchical accelerator an architecture describes: its storage components are the levels
 * (one instance: shared; one per PE: per-PE; one per MAC when the MACs outnumber the PEs: per
 * lane; dummies are only where the data fans out), the PEs the first storage level with several
 * instances (or the MACs) laid out by its mesh, the MACs beyond them each PE's lanes, one element width for the chip (the
 * outermost level's `datawidth`), capacities `depth · block` words, a block the
 * `vectorElements` of a level, energies per element from the ERT (per action over the block),
 * and `holds` from the mapping's keep and bypass directives (absent: every operand). Problems
 * go to `errors`, naming the component and its line. @internal
 */
export const acceleratorOf = (
  architecture: TimeloopArchitecture,
  holds: ReadonlyMap<string, readonly Operand[]>,
  ert: TimeloopErt | undefined,
  place: (line: number, path: string, message: string) => string,
  errors: string[],
  warnings: string[],
): HierarchicalAccelerator | undefined => {
  const before = errors.length
  const storage = architecture.components.filter((component) => component.role === "storage")
  const computes = architecture.components.filter((component) => component.role === "compute")
  const compute = computes[0]
  const last = architecture.components[architecture.components.length - 1]
  if (compute === undefined || computes.length > 1 || last !== compute) {
    errors.push(
      place(
        compute?.line ?? 1,
        "architecture",
        `expected one arithmetic component (the MACs), innermost; found ${computes.map((c) => c.written).join(", ") || "none"}`,
      ),
    )
    return undefined
  }
  const outer = storage[0]
  if (outer === undefined) {
    errors.push(place(compute.line, "architecture", "no storage level: the outermost level is the backing store (DRAM)"))
    return undefined
  }
  if (outer.wordBits % 8 !== 0) {
    errors.push(place(outer.line, outer.written, `datawidth ${outer.wordBits} bits: cosearch counts whole bytes per element`))
    return undefined
  }
  const bytes = outer.wordBits / 8
  // The PEs: the first storage level with more than one instance, or the MACs. Below the PEs, a
  // second fan-out over each PE's vector lanes: levels with one instance per lane, or the MACs
  // themselves when they outnumber the PEs (Simba-like).
  const firstSpread = storage.find((component) => component.instances > 1)
  const pe = firstSpread ?? compute
  const pes = pe.instances
  const lanes = compute.instances / pes
  const lanesX = compute.meshX / pe.meshX
  const lanesY = compute.meshY / pe.meshY
  if (!Number.isInteger(lanes) || !Number.isInteger(lanesX) || !Number.isInteger(lanesY) || lanesX * lanesY !== lanes) {
    errors.push(
      place(
        compute.line,
        compute.written,
        `${compute.instances} MACs (mesh ${compute.meshX}x${compute.meshY}) are not whole lanes of the ${pes} PEs (${pe.written}, mesh ${pe.meshX}x${pe.meshY})`,
      ),
    )
    return undefined
  }
  let firstPe: TimeloopComponent | undefined
  let firstLane: TimeloopComponent | undefined
  const levels: StorageLevel[] = []
  for (const component of storage) {
    const here = (message: string): void => {
      errors.push(place(component.line, component.written, message))
    }
    if (component.instances !== 1 && component.instances !== pes && component.instances !== compute.instances) {
      here(
        lanes > 1
          ? `${component.instances} instances: neither shared (1), per PE (${pes}) nor per lane (${compute.instances}); cosearch's hierarchy has two fan-outs at most, over the PEs and over each PE's lanes`
          : `${component.instances} instances: neither shared (1) nor per PE (${pes}, as the MACs ${compute.written}); a level between two fan-outs needs the MACs to outnumber its instances (each PE's lanes)`,
      )
      continue
    }
    const scope = component.instances === 1 ? "shared" : component.instances === pes ? "pe" : "lane"
    if (scope === "pe") {
      firstPe ??= component
      if (component.meshX !== pe.meshX || component.meshY !== pe.meshY) {
        here(`mesh ${component.meshX}x${component.meshY} differs from the PEs' ${pe.meshX}x${pe.meshY} (${pe.written})`)
      }
      if (firstLane !== undefined) here(`one instance per PE after the per-lane level ${firstLane.written}: per-PE levels come first`)
    } else if (scope === "lane") {
      firstLane ??= component
      if (component.meshX !== compute.meshX || component.meshY !== compute.meshY) {
        here(
          `mesh ${component.meshX}x${component.meshY} differs from the arithmetic's ${compute.meshX}x${compute.meshY} (${compute.written})`,
        )
      }
    } else if (firstPe !== undefined || firstLane !== undefined) {
      here(`one instance after the per-PE level ${(firstPe ?? firstLane)?.written}: shared levels come first`)
    }
    if (component.wordBits !== outer.wordBits) {
      warnings.push(
        `${component.written}: datawidth ${component.wordBits} bits differs from the chip's ${outer.wordBits} (${outer.written}); cosearch has one element width, so its ${component.words ?? "unbounded"} words are counted as ${bytes}-byte elements`,
      )
    }
    const energies = ert?.get(component.name)
    if (ert !== undefined && energies === undefined) here(`the ERT has no entry for ${component.name}`)
    if (energies !== undefined && (energies.read === undefined || energies.write === undefined)) {
      here(`the ERT entry of ${component.name} lacks ${energies.read === undefined ? "read" : "write"}`)
    }
    const block = component.blockSize
    const read = (energies?.read ?? 0) / block
    const write = (energies?.write ?? 0) / block
    const update = (energies?.update ?? energies?.write ?? 0) / block
    const level: { -readonly [key in keyof StorageLevel]: StorageLevel[key] } = {
      name: component.cosearch.name ?? component.name,
      scope,
      readEnergyPj: read,
      writeEnergyPj: write,
      holds: holds.get(component.name) ?? ["weights", "inputs", "outputs"],
    }
    if (update !== write) level.updateEnergyPj = update
    if (component.words !== undefined) level.capacityBytes = component.words * bytes
    const { sharedBandwidth, readBandwidth, writeBandwidth } = component
    if (sharedBandwidth !== undefined) level.bandwidthBytesPerCycle = sharedBandwidth * bytes
    else if (readBandwidth !== undefined && writeBandwidth !== undefined) {
      level.bandwidthBytesPerCycle = (readBandwidth + writeBandwidth) * bytes
      warnings.push(
        `${component.written}: read_bandwidth ${readBandwidth} and write_bandwidth ${writeBandwidth} words a cycle are one shared bandwidth of ${readBandwidth + writeBandwidth} in cosearch`,
      )
    } else if (readBandwidth !== undefined || writeBandwidth !== undefined) {
      level.bandwidthBytesPerCycle = (readBandwidth ?? writeBandwidth ?? 0) * bytes
      warnings.push(
        `${component.written}: its one ${readBandwidth !== undefined ? "read" : "write"} bandwidth bounds reads and writes together in cosearch`,
      )
    }
    if ((component.multipleBuffering ?? 1) >= 2) level.doubleBuffered = true
    if (/dram/i.test(component.className)) level.offChip = true
    if (block > 1) level.vectorElements = block
    if (component.cosearch.trafficModel !== undefined) level.trafficModel = component.cosearch.trafficModel
    if (component.cosearch.energyModel !== undefined) level.energyModel = component.cosearch.energyModel
    levels.push(level)
  }
  if (ert !== undefined && ert.get(compute.name)?.compute === undefined) {
    errors.push(place(compute.line, compute.written, `the ERT has no compute energy for ${compute.name}`))
  }
  if (ert === undefined) warnings.push("no ERT given: every energy is 0")
  if (errors.length > before) return undefined
  const accelerator: { -readonly [key in keyof HierarchicalAccelerator]: HierarchicalAccelerator[key] } = {
    kind: "hierarchical",
    name: architecture.cosearch.name ?? architecture.name,
    bytesPerElement: bytes,
    macEnergyPj: ert?.get(compute.name)?.compute ?? 0,
    array: {
      x: pe.meshX,
      y: pe.meshY,
      macsPerPe: 1,
      ...(lanes > 1 ? { lanes: { x: lanesX, y: lanesY } } : {}),
      ...(architecture.cosearch.networkEnergyPj === undefined ? {} : { networkEnergyPj: architecture.cosearch.networkEnergyPj }),
    },
    levels,
  }
  if (architecture.clockMhz !== undefined) accelerator.clockMhz = architecture.clockMhz
  if (compute.cosearch.precision !== undefined) accelerator.precision = compute.cosearch.precision
  if (architecture.cosearch.areaMm2 !== undefined) accelerator.area = { totalMm2: architecture.cosearch.areaMm2 }
  if (architecture.cosearch.accounting !== undefined) accelerator.accounting = architecture.cosearch.accounting
  return accelerator
}

/** The components whose data is counted per element: storage levels (not dummies, not the MACs), by name. @internal */
export const storageNames = (architecture: TimeloopArchitecture): string[] =>
  architecture.components.filter((component) => component.role === "storage").map((component) => component.name)

/** A name's base (without range and path), for matching ERT and mapping targets. @internal */
export const targetName = baseName
