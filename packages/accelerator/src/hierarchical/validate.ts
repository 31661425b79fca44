import {
  type FieldIssue,
  fieldIssue,
  isNonNegativeFinite,
  isPositiveFinite,
  isPositiveInteger,
  isRecord,
} from "../validation/field-rules.js"
import { type HierarchicalAccelerator, isOperand, operands } from "./accelerator.js"

/**
 * One problem with a `HierarchicalAccelerator`: the field path (`levels[2].capacityBytes`,
 * `array.x`, `(root)`), the value found and a sentence naming both.
 *
 * @example
 * const issue: HierarchyIssue = { path: "array.x", value: 0, message: "array.x 0 must be a positive integer" }
 */
export type HierarchyIssue = FieldIssue

const issue = fieldIssue
const positiveInteger = isPositiveInteger
const positiveFinite = isPositiveFinite
const energy = isNonNegativeFinite
const record = isRecord

const energyFields = ["readEnergyPj", "writeEnergyPj"] as const
const flagFields = ["doubleBuffered", "offChip"] as const

/** The path of level `i`'s `field` (`levels[2].capacityBytes`), built only for an issue. */
const levelPath = (i: number, field = ""): string => `levels[${i}]${field}`

const levelIssues = (level: unknown, i: number, issues: HierarchyIssue[]): void => {
  if (!record(level)) {
    issues.push(issue(levelPath(i), level, "is not a storage level: expected an object with name, scope, holds, energies"))
    return
  }
  if (typeof level.name !== "string" || level.name === "")
    issues.push(issue(levelPath(i, ".name"), level.name, "must be a non-empty string"))
  if (level.scope !== "shared" && level.scope !== "pe" && level.scope !== "lane")
    issues.push(issue(levelPath(i, ".scope"), level.scope, 'must be "shared", "pe" or "lane"'))
  if (level.capacityBytes !== undefined && !positiveInteger(level.capacityBytes)) {
    issues.push(issue(levelPath(i, ".capacityBytes"), level.capacityBytes, "must be a positive integer (absent: unbounded)"))
  }
  if (level.bandwidthBytesPerCycle !== undefined && !positiveFinite(level.bandwidthBytesPerCycle)) {
    issues.push(
      issue(levelPath(i, ".bandwidthBytesPerCycle"), level.bandwidthBytesPerCycle, "must be a positive number (absent: unbounded)"),
    )
  }
  for (const field of energyFields) {
    if (!energy(level[field])) issues.push(issue(levelPath(i, `.${field}`), level[field], "must be a finite number >= 0"))
  }
  const holds: unknown = level.holds
  if (!Array.isArray(holds)) {
    issues.push(issue(levelPath(i, ".holds"), holds, "must be a list of operands (weights, inputs, outputs)"))
  } else {
    for (let j = 0; j < holds.length; j++) {
      const operand: unknown = holds[j]
      if (!isOperand(operand)) issues.push(issue(levelPath(i, `.holds[${j}]`), operand, "is not an operand: weights, inputs or outputs"))
      else if (holds.indexOf(operand) !== j) issues.push(issue(levelPath(i, `.holds[${j}]`), operand, "is listed twice"))
    }
  }
  for (const field of flagFields) {
    if (level[field] !== undefined && typeof level[field] !== "boolean")
      issues.push(issue(levelPath(i, `.${field}`), level[field], "must be a boolean"))
  }
  if (level.trafficModel !== undefined && level.trafficModel !== "accesses" && level.trafficModel !== "tiles-per-step") {
    issues.push(issue(levelPath(i, ".trafficModel"), level.trafficModel, 'must be "accesses" or "tiles-per-step" (absent: accesses)'))
  }
  if (level.energyModel !== undefined && level.energyModel !== "accesses" && level.energyModel !== "maestro") {
    issues.push(issue(levelPath(i, ".energyModel"), level.energyModel, 'must be "accesses" or "maestro" (absent: accesses)'))
  }
  if (level.vectorElements !== undefined && !positiveInteger(level.vectorElements)) {
    issues.push(issue(levelPath(i, ".vectorElements"), level.vectorElements, "must be a positive integer (absent: 1)"))
  }
  if (level.updateEnergyPj !== undefined && !energy(level.updateEnergyPj)) {
    issues.push(issue(levelPath(i, ".updateEnergyPj"), level.updateEnergyPj, "must be a finite number >= 0 (absent: writeEnergyPj)"))
  }
}

/** A level's list of operands (empty when it has none or is not a level). */
const heldBy = (level: unknown): readonly unknown[] => (record(level) && Array.isArray(level.holds) ? level.holds : [])

/**
 * Checks a hierarchical accelerator; it takes `unknown` so that data read from JSON can be checked
 * before it is trusted. Never throws; returns every issue (empty when valid), each naming the
 * field path and value: a non-empty hierarchy whose outermost level is shared and keeps every
 * operand (it is their backing store), shared levels before per-PE ones and those before per-lane
 * ones (which need `array.lanes`), positive integer
 * capacities and array sizes, positive bandwidths and clock, finite non-negative energies, known
 * operands, a positive integer `bytesPerElement`.
 *
 * @example
 * validateHierarchicalAccelerator({ ...eyerissV1Like, array: { x: 0, y: 12, macsPerPe: 1 } })
 * // [{ path: "array.x", value: 0, message: "array.x 0 must be a positive integer" }]
 */
export const validateHierarchicalAccelerator = (value: unknown): HierarchyIssue[] => {
  if (!record(value)) return [issue("(root)", value, "is not an accelerator description: expected an object with kind, levels, array")]
  const a = value as { readonly [field in keyof HierarchicalAccelerator]?: unknown }
  const issues: HierarchyIssue[] = []
  if (a.kind !== "hierarchical") issues.push(issue("kind", a.kind, 'must be "hierarchical"'))
  if (typeof a.name !== "string") issues.push(issue("name", a.name, "must be a string"))
  if (a.clockMhz !== undefined && !positiveFinite(a.clockMhz))
    issues.push(issue("clockMhz", a.clockMhz, "must be a positive number of MHz"))
  if (!positiveInteger(a.bytesPerElement)) issues.push(issue("bytesPerElement", a.bytesPerElement, "must be a positive integer"))
  if (a.precision !== undefined && a.precision !== "int8" && a.precision !== "bf16" && a.precision !== "fp32") {
    issues.push(issue("precision", a.precision, "must be int8, bf16 or fp32"))
  }
  if (!energy(a.macEnergyPj)) issues.push(issue("macEnergyPj", a.macEnergyPj, "must be a finite number >= 0"))
  if (a.staticPowerW !== undefined && !energy(a.staticPowerW))
    issues.push(issue("staticPowerW", a.staticPowerW, "must be a finite number of watts >= 0"))
  else if (typeof a.staticPowerW === "number" && a.staticPowerW > 0 && a.clockMhz === undefined)
    issues.push(issue("staticPowerW", a.staticPowerW, "needs clockMhz, to turn cycles into seconds"))
  if (a.accounting !== undefined && a.accounting !== "physical" && a.accounting !== "timeloop") {
    issues.push(issue("accounting", a.accounting, 'must be "physical" or "timeloop" (absent: physical)'))
  }
  if (!record(a.array)) {
    issues.push(issue("array", a.array, "must be an object { x, y, macsPerPe }"))
  } else {
    for (const field of ["x", "y", "macsPerPe"] as const) {
      if (!positiveInteger(a.array[field])) issues.push(issue(`array.${field}`, a.array[field], "must be a positive integer"))
    }
    const network = a.array.networkEnergyPj
    if (network !== undefined && !energy(network)) issues.push(issue("array.networkEnergyPj", network, "must be a finite number >= 0"))
    const lanes = a.array.lanes
    if (lanes !== undefined) {
      if (!record(lanes)) issues.push(issue("array.lanes", lanes, "must be an object { x, y } (lanes per PE; absent: no lanes)"))
      else
        for (const field of ["x", "y"] as const)
          if (!positiveInteger(lanes[field])) issues.push(issue(`array.lanes.${field}`, lanes[field], "must be a positive integer"))
    }
  }
  if (!Array.isArray(a.levels) || a.levels.length === 0) {
    issues.push(issue("levels", a.levels, "must be a non-empty list of storage levels, outermost (DRAM) first"))
    return issues
  }
  const levels: readonly unknown[] = a.levels
  // The first per-PE level, and the first shared level after it; the first per-lane level, and
  // the first shared or per-PE level after it.
  let firstPe = -1
  let lateShared = -1
  let firstLane = -1
  let lateOuter = -1
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]
    levelIssues(level, i, issues)
    const scope = record(level) ? level.scope : undefined
    if (scope === "pe" && firstPe < 0) firstPe = i
    else if (scope === "shared" && firstPe >= 0 && lateShared < 0) lateShared = i
    if (scope === "lane" && firstLane < 0) firstLane = i
    else if ((scope === "shared" || scope === "pe") && firstLane >= 0 && lateOuter < 0) lateOuter = i
  }
  const outermost = record(levels[0]) ? levels[0].scope : undefined
  if (outermost === "pe" || outermost === "lane")
    issues.push(issue("levels[0].scope", outermost, "must be shared: the outermost level is the backing store"))
  if (lateShared > 0) {
    issues.push(issue(`levels[${lateShared}].scope`, "shared", `comes after the per-PE levels[${firstPe}]: shared levels must come first`))
  }
  if (lateOuter > 0) {
    const late = levels[lateOuter]
    const scope = record(late) ? late.scope : undefined
    issues.push(
      issue(
        `levels[${lateOuter}].scope`,
        scope,
        `comes after the per-lane levels[${firstLane}]: lane levels must come after the per-PE ones`,
      ),
    )
  }
  if (firstLane >= 0 && record(a.array) && a.array.lanes === undefined) {
    issues.push(
      issue(
        "array.lanes",
        undefined,
        `is required: levels[${firstLane}] has scope "lane" (one instance per vector lane of each PE); give array.lanes { x, y }`,
      ),
    )
  }
  for (const operand of operands) {
    let kept = false
    for (let i = 0; i < levels.length && !kept; i++) kept = heldBy(levels[i]).includes(operand)
    if (!kept) issues.push(issue("levels", operand, "is kept by no level"))
    else if (!heldBy(levels[0]).includes(operand)) {
      issues.push(
        issue("levels[0].holds", heldBy(levels[0]), `lacks ${operand}: the outermost level is the backing store of every operand`),
      )
    }
  }
  return issues
}

/**
 * Whether a value is a valid `HierarchicalAccelerator` (no issues).
 *
 * @example
 * if (isValidHierarchicalAccelerator(JSON.parse(text))) console.log("ok")
 */
export const isValidHierarchicalAccelerator = (value: unknown): value is HierarchicalAccelerator =>
  validateHierarchicalAccelerator(value).length === 0
