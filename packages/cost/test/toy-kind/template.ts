/**
 * The description side of a toy accelerator kind, written as a contributor writes a kind's
 * `packages/accelerator/src/<kind>/template.ts`: its accelerator type, presets, validation, area
 * model, a knob space and a file reader.
 */
import {
  type AcceleratorTemplate,
  defineTemplate,
  type FieldIssue,
  type FlatFieldRules,
  fieldIssue,
  flatFieldIssues,
} from "@cosearch/accelerator"
import { type Configuration, defineSpace, ordinal } from "@cosearch/space"

/**
 * A toy accelerator: one array of `macsPerCycle` MAC units at `clockMhz`. A conv or matmul layer
 * takes `ceil(MACs / macsPerCycle)` cycles and `MACs x pjPerMac` pJ; a layer of more than
 * `maxLayerMacs` MACs does not fit. Area: `macsPerCycle x mm2PerMac`.
 */
export interface ToyAccelerator {
  readonly kind: "toy"
  readonly name: string
  readonly macsPerCycle: number
  readonly clockMhz: number
  readonly pjPerMac: number
  readonly mm2PerMac: number
  readonly maxLayerMacs: number
}

const rules: FlatFieldRules = {
  positiveIntegers: ["macsPerCycle", "maxLayerMacs"],
  positive: ["clockMhz", "mm2PerMac"],
  nonNegative: ["pjPerMac"],
}

const validateToy = (value: unknown): FieldIssue[] =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? flatFieldIssues(value as Readonly<Record<string, unknown>>, "toy", rules)
    : [fieldIssue("(root)", value, "is not a toy accelerator: expected an object with kind, macsPerCycle, clockMhz")]

/** The toy's presets: three MACs a cycle at 100 MHz. */
export const toyPresets: Readonly<Record<"toy-3", ToyAccelerator>> = {
  "toy-3": { kind: "toy", name: "toy-3", macsPerCycle: 3, clockMhz: 100, pjPerMac: 0.5, mm2PerMac: 0.01, maxLayerMacs: 1000 },
}

/** A toy of `macsPerCycle` MACs, the rest as `toy-3`. */
const toyOf = (macsPerCycle: number): ToyAccelerator => ({ ...toyPresets["toy-3"], name: `toy-${macsPerCycle}`, macsPerCycle })

/** Reads `key = value` lines (numbers) over `toy-3`. */
const readToyFile = (text: string) => {
  const fields: Record<string, number> = {}
  const errors: string[] = []
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return
    const [key, value] = line.split("=").map((part) => part.trim())
    if (key === undefined || value === undefined || !Number.isFinite(Number(value)))
      errors.push(`line ${i + 1}: expected key = number, got ${JSON.stringify(line)}`)
    else fields[key] = Number(value)
  })
  const accelerator = { ...toyPresets["toy-3"], ...fields }
  const issues = errors.length > 0 ? [] : validateToy(accelerator)
  return errors.length > 0 || issues.length > 0
    ? { ok: false as const, errors: [...errors, ...issues.map((issue) => issue.message)] }
    : { ok: true as const, accelerator }
}

/** The toy kind's description. */
export const toyTemplate: AcceleratorTemplate<"toy", ToyAccelerator> = defineTemplate({
  kind: "toy",
  summary: "a toy array of MAC units, for the kind registry's tests",
  title: "toy accelerator",
  presets: toyPresets,
  validate: validateToy,
  area: (accelerator) => accelerator.macsPerCycle * accelerator.mm2PerMac,
  knobs: [
    {
      name: "toy-knobs",
      summary: "a toy's MACs per cycle",
      space: defineSpace({ name: "toy-knobs", parameters: [ordinal("macs_per_cycle", [1, 2, 4, 8])] }),
      decode: (configuration: Configuration) => {
        const accelerator = toyOf(configuration.macs_per_cycle as number)
        return { kind: "toy", name: accelerator.name, accelerator }
      },
    },
  ],
  readers: [{ extension: ".toy", summary: "a .toy file", read: readToyFile }],
})
