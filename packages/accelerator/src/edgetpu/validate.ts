import { memoryInterfaceNames, memoryInterfaces } from "../energy/memory-interface.js"
import {
  type FieldIssue,
  fieldIssue,
  isNonNegativeFinite,
  isPositiveFinite,
  isPositiveInteger,
  isRecord,
} from "../validation/field-rules.js"
import { type EdgeTpuAccelerator, edgeTpuLayerClasses } from "./accelerator.js"
import type { EdgeTpuKnobs } from "./knobs.js"

/**
 * One problem with an `EdgeTpuAccelerator`: the field path (`knobs.peX`,
 * `constants.efficiency.depthwise`), the value found and a sentence naming both.
 */
export type EdgeTpuIssue = FieldIssue

const integerKnobs: readonly (keyof EdgeTpuKnobs)[] = [
  "peX",
  "peY",
  "coresPerPe",
  "computeLanes",
  "peMemoryBytes",
  "coreMemoryBytes",
  "instructionMemoryEntries",
  "parameterMemoryBytes",
  "activationMemoryBytes",
]

const classTable = (value: unknown, path: string, valid: (x: unknown) => boolean, rule: string, issues: EdgeTpuIssue[]): void => {
  if (!isRecord(value)) {
    issues.push(fieldIssue(path, value, `must be an object with ${edgeTpuLayerClasses.join(", ")}`))
    return
  }
  for (const layerClass of edgeTpuLayerClasses)
    if (!valid(value[layerClass])) issues.push(fieldIssue(`${path}.${layerClass}`, value[layerClass], rule))
}

const energyIssues = (energy: unknown, issues: EdgeTpuIssue[]): void => {
  if (!isRecord(energy)) {
    issues.push(fieldIssue("energy", energy, "must be an object with sramByCapacity, memoryInterface, leakage"))
    return
  }
  for (const flag of ["sramByCapacity", "leakage"] as const)
    if (typeof energy[flag] !== "boolean") issues.push(fieldIssue(`energy.${flag}`, energy[flag], "must be true or false"))
  if (typeof energy.memoryInterface !== "string" || !Object.hasOwn(memoryInterfaces, energy.memoryInterface))
    issues.push(fieldIssue("energy.memoryInterface", energy.memoryInterface, `must be one of ${memoryInterfaceNames.join(", ")}`))
}

/**
 * Checks an Edge TPU accelerator read from JSON (or built in code). Never throws; returns every
 * issue, each naming the field path and value: `kind` "edgetpu", a name, the ten knobs (positive
 * integers; I/O bandwidth a positive number of bytes per second), a positive clock, precision
 * int8 or bf16, and the constants (overheads >= 0, efficiencies > 0, positive bandwidths); the optional
 * energy model (two flags and a known memory interface).
 *
 * @example
 * validateEdgeTpuAccelerator({ ...edgeTpuPresets.coral, knobs: { ...edgeTpuPresets.coral.knobs, peX: 0 } })
 * // [{ path: "knobs.peX", value: 0, message: "knobs.peX 0 must be a positive integer" }]
 */
export const validateEdgeTpuAccelerator = (value: unknown): EdgeTpuIssue[] => {
  if (!isRecord(value)) return [fieldIssue("(root)", value, "is not an Edge TPU accelerator: expected an object with kind, knobs, clockHz")]
  const issues: EdgeTpuIssue[] = []
  if (value.kind !== "edgetpu") issues.push(fieldIssue("kind", value.kind, 'must be "edgetpu"'))
  if (typeof value.name !== "string" || value.name === "") issues.push(fieldIssue("name", value.name, "must be a non-empty string"))
  if (!isPositiveFinite(value.clockHz)) issues.push(fieldIssue("clockHz", value.clockHz, "must be a positive number of hertz"))
  if (value.precision !== "int8" && value.precision !== "bf16")
    issues.push(fieldIssue("precision", value.precision, 'must be "int8" or "bf16"'))
  const knobs = value.knobs
  if (!isRecord(knobs)) issues.push(fieldIssue("knobs", knobs, "must be an object with the ten Edge TPU knobs"))
  else {
    for (const knob of integerKnobs)
      if (!isPositiveInteger(knobs[knob])) issues.push(fieldIssue(`knobs.${knob}`, knobs[knob], "must be a positive integer"))
    if (!isPositiveFinite(knobs.ioBandwidthBytesPerSecond))
      issues.push(
        fieldIssue("knobs.ioBandwidthBytesPerSecond", knobs.ioBandwidthBytesPerSecond, "must be a positive number of bytes per second"),
      )
  }
  const constants = value.constants
  if (!isRecord(constants)) issues.push(fieldIssue("constants", constants, "must be an object (see defaultEdgeTpuConstants)"))
  else {
    classTable(constants.layerOverheadCycles, "constants.layerOverheadCycles", isNonNegativeFinite, "must be a finite number >= 0", issues)
    classTable(constants.efficiency, "constants.efficiency", isPositiveFinite, "must be a positive number", issues)
    if (!isNonNegativeFinite(constants.inferenceOverheadSeconds))
      issues.push(fieldIssue("constants.inferenceOverheadSeconds", constants.inferenceOverheadSeconds, "must be a finite number >= 0"))
    for (const field of ["peMemoryBytesPerCycle", "ioEfficiency"] as const)
      if (!isPositiveFinite(constants[field])) issues.push(fieldIssue(`constants.${field}`, constants[field], "must be a positive number"))
    if (!isNonNegativeFinite(constants.instructionsPerLayer))
      issues.push(fieldIssue("constants.instructionsPerLayer", constants.instructionsPerLayer, "must be a finite number >= 0"))
  }
  if (value.energy !== undefined) energyIssues(value.energy, issues)
  return issues
}

/**
 * Whether a value is a valid Edge TPU accelerator.
 *
 * @example
 * isValidEdgeTpuAccelerator(JSON.parse(text))
 */
export const isValidEdgeTpuAccelerator = (value: unknown): value is EdgeTpuAccelerator => validateEdgeTpuAccelerator(value).length === 0
