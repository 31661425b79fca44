import {
  type AcceleratorFileReader,
  type AcceleratorUnit,
  type FieldIssue,
  type HeterogeneousSystem,
  type KnobSpace,
  presetNamesOf,
  presetUnitOf,
  resolveSystem,
  type SystemArea,
  type SystemIssue,
  type SystemRead,
  systemArea,
  systemPreset,
  validateSystem,
} from "@cosearch/accelerator"
import type { AnalyzedNetwork, Network } from "@cosearch/network"
import type { AcceleratorKind, CostOptions, CostResult } from "../kind/kind.js"
import type { ScheduleObjective } from "../schedule/problem.js"
import {
  type NetworkScheduleResult,
  type SystemProblemResult,
  type SystemScheduleOptions,
  scheduleNetworkOf,
  systemProblemOf,
} from "../system/schedule-network.js"

/**
 * An accelerator read from a document or a file: the unit, or every problem.
 *
 * @example
 * const read: UnitRead = acceleratorKinds.decode(JSON.parse(text), "mine.json")
 * if (!read.ok) console.error(read.issues.map((issue) => issue.message).join("\n"))
 */
export type UnitRead =
  | { readonly ok: true; readonly unit: AcceleratorUnit }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] }

/**
 * A cost option a unit's kind does not take (`KindRegistry.optionIssue`): the option, the value
 * asked and why, e.g. `needs a hierarchical accelerator; the systolic array "s" runs os, ws or is (or auto)`.
 *
 * @example
 * const issue: CostOptionIssue = { option: "objective", value: "energy", message: "needs an energy model; the systolic mode models cycles only" }
 */
export interface CostOptionIssue {
  readonly option: "dataflow" | "objective"
  readonly value: string
  readonly message: string
}

/**
 * A reader of a kind's own file format, with its kind.
 *
 * @example
 * acceleratorKinds.readers.map(({ kind, reader }) => `${kind}: ${reader.extension}`) // ["hierarchical: .m", "systolic: .cfg"]
 */
export interface KindFileReader {
  readonly kind: string
  readonly reader: AcceleratorFileReader
}

/**
 * A registry of accelerator kinds: the one place that knows them, and everything that takes an
 * accelerator reads it — presets, documents and files, area, cost (`costOn`), the cost options a
 * kind takes, knob spaces, and heterogeneous systems (validation, area, presets, scheduling).
 * `acceleratorKinds` is the built-in one; `kindRegistry([...builtInKinds, myKind])` adds a kind.
 *
 * @example
 * const kinds = kindRegistry([...builtInKinds, toyKind])
 * kinds.costOn(kinds.preset("toy-4") as AcceleratorUnit, analyzed).totals
 */
export interface KindRegistry {
  readonly kinds: readonly AcceleratorKind[]
  /** The kinds' names, in registry order. */
  readonly names: readonly string[]
  /** The kind of a name, or `undefined`. */
  find(kind: string): AcceleratorKind | undefined
  /** Every preset name, kind by kind. */
  readonly presetNames: readonly string[]
  /** A preset as a unit named after it, or `undefined`. */
  preset(name: string): AcceleratorUnit | undefined
  /**
   * An accelerator document (the `kind` names its kind; the rest is that kind's description)
   * checked by its kind's `validate`: the unit, named by the accelerator's own name, else
   * `fallbackName`, else the kind. Never throws.
   */
  decode(document: unknown, fallbackName?: string): UnitRead
  /** The kinds' file readers, in registry order. */
  readonly readers: readonly KindFileReader[]
  /** A file read by the reader of its extension, the unit named after the file; `undefined` when no kind reads it. */
  readFile(fileName: string, text: string): UnitRead | undefined
  /** The unit's area by its kind's model, mm²; `null` when the kind has none. */
  area(unit: AcceleratorUnit): number | null
  /** One network on one unit: the one cost entry point (see `costOn`). Throws for a unit of a kind not registered. */
  costOn(unit: AcceleratorUnit, network: AnalyzedNetwork, options?: CostOptions): CostResult
  /** The first of the options the unit's kind does not take (a dataflow it does not run, an objective it cannot tell), or `undefined`. */
  optionIssue(unit: AcceleratorUnit, options: { readonly dataflow?: string; readonly objective?: string }): CostOptionIssue | undefined
  /** Every kind's knob spaces, kind by kind. */
  readonly knobSpaces: readonly KnobSpace[]
  /** A knob space by name, or `undefined`. */
  knobSpace(name: string): KnobSpace | undefined
  /** `validateSystem` against the registry's kinds. */
  validateSystem(value: unknown): SystemIssue[]
  /** `resolveSystem` against the registry's kinds: checked, preset units spelled out. */
  resolveSystem(value: unknown): SystemRead
  /** `systemArea` by the registry's area models. */
  systemArea(system: HeterogeneousSystem<AcceleratorUnit>): SystemArea
  /** `systemPreset` over the registry's presets. */
  systemPreset(name: string): HeterogeneousSystem<AcceleratorUnit> | undefined
  /** `systemProblemOf` the registry's kinds. */
  systemProblem(network: Network, system: HeterogeneousSystem<AcceleratorUnit>, options?: SystemScheduleOptions): SystemProblemResult
  /** `scheduleNetworkOf` the registry's kinds. */
  scheduleNetwork(
    network: Network,
    system: HeterogeneousSystem<AcceleratorUnit>,
    objective: ScheduleObjective,
    options?: SystemScheduleOptions,
  ): NetworkScheduleResult
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** `"a", "b" or "c"`. */
const quotedChoice = (names: readonly string[]): string => {
  const quoted = names.map((name) => JSON.stringify(name))
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`
}

/** The options of a `costOn` call given none: one shared object. */
const noOptions: CostOptions = {}

const duplicates = (names: readonly string[]): string[] => names.filter((name, i) => names.indexOf(name) !== i)

/**
 * A registry of the given kinds (in that order: listings, messages). Throws when two kinds share
 * a name, or two presets or knob spaces of any kinds do: names must say one thing.
 *
 * @example
 * const kinds = kindRegistry([...builtInKinds, toyKind])
 * kinds.find("toy")?.summary
 */
export const kindRegistry = (kinds: readonly AcceleratorKind[]): KindRegistry => {
  const names = kinds.map((kind) => kind.kind)
  const presetNames = presetNamesOf(kinds)
  const knobSpaces = kinds.flatMap((kind) => kind.knobs as readonly KnobSpace[])
  for (const [what, list] of [
    ["kind", names],
    ["preset", presetNames],
    ["knob space", knobSpaces.map((space) => space.name)],
  ] as const) {
    const twice = duplicates(list)
    if (twice.length > 0) throw new Error(`kindRegistry: the ${what} name "${twice[0]}" is used twice`)
  }
  const readers = kinds.flatMap((kind) => kind.readers.map((reader) => ({ kind: kind.kind, reader })))
  const byName = new Map(kinds.map((kind) => [kind.kind, kind]))
  const find = (kind: string): AcceleratorKind | undefined => byName.get(kind)
  const kindOf = (unit: AcceleratorUnit): AcceleratorKind => {
    const kind = find(unit.kind)
    if (kind === undefined) throw new TypeError(`no accelerator kind "${unit.kind}" is registered; the kinds are ${names.join(", ")}`)
    return kind
  }
  /** The kinds that run a dataflow: all that run any when `dataflow` is undefined. */
  const runningDataflow = (dataflow?: string): string[] =>
    kinds.flatMap((kind) =>
      "choices" in kind.cost.dataflow && (dataflow === undefined || (kind.cost.dataflow.choices as readonly string[]).includes(dataflow))
        ? [kind.kind]
        : [],
    )
  return {
    kinds,
    names,
    find,
    presetNames,
    preset: (name) => presetUnitOf(kinds, name),
    decode: (document, fallbackName) => {
      if (!isRecord(document))
        return { ok: false, issues: [{ path: "(root)", value: document, message: "the document must be an object" }] }
      const kind = find(document.kind as string)
      if (kind === undefined)
        return {
          ok: false,
          issues: [{ path: "kind", value: document.kind, message: `kind ${JSON.stringify(document.kind)} must be ${quotedChoice(names)}` }],
        }
      const issues = kind.validate(document)
      if (issues.length > 0) return { ok: false, issues }
      const accelerator = kind.fromDocument(document)
      return { ok: true, unit: { kind: kind.kind, name: kind.nameOf(accelerator) ?? fallbackName ?? kind.kind, accelerator } }
    },
    readers,
    readFile: (fileName, text) => {
      const found = readers.find(({ reader }) => fileName.endsWith(reader.extension))
      if (found === undefined) return undefined
      const read = found.reader.read(text)
      if (!read.ok) return { ok: false, issues: read.errors.map((message) => ({ path: "(file)", value: fileName, message })) }
      const name = (fileName.split("/").pop() ?? fileName).slice(0, -found.reader.extension.length)
      return { ok: true, unit: { kind: found.kind, name, accelerator: read.accelerator } }
    },
    area: (unit) => kindOf(unit).area(unit.accelerator),
    costOn: (unit, network, options) => kindOf(unit).cost.network(unit, network, options ?? noOptions),
    optionIssue: (unit, options) => {
      const kind = kindOf(unit)
      const rule = kind.cost.dataflow
      const { dataflow, objective } = options
      if (dataflow !== undefined) {
        if (!("choices" in rule))
          return {
            option: "dataflow",
            value: dataflow,
            message: `needs a ${runningDataflow().join(" or ")} accelerator; the ${kind.title} "${unit.name}" ${rule.none}`,
          }
        if (dataflow !== "auto" && !(rule.choices as readonly string[]).includes(dataflow))
          return {
            option: "dataflow",
            value: dataflow,
            message: `needs a ${runningDataflow(dataflow).join(" or ")} accelerator; the ${kind.title} "${unit.name}" ${rule.runs}`,
          }
      }
      const objectives = kind.cost.objective
      if (objective !== undefined && objectives !== undefined && !(objectives.choices as readonly string[]).includes(objective))
        return { option: "objective", value: objective, message: `needs ${objectives.needs}; ${objectives.note}` }
      return undefined
    },
    knobSpaces,
    knobSpace: (name) => knobSpaces.find((space) => space.name === name),
    validateSystem: (value) => validateSystem(value, kinds),
    resolveSystem: (value) => resolveSystem(value, kinds),
    systemArea: (system) => systemArea(system, kinds),
    systemPreset: (name) => systemPreset(name, kinds),
    systemProblem: (network, system, options) => systemProblemOf(kinds, network, system, options),
    scheduleNetwork: (network, system, objective, options) => scheduleNetworkOf(kinds, network, system, objective, options),
  }
}
