import { validateCpuAccelerator } from "../cpu/validate.js"
import { validateEdgeTpuAccelerator } from "../edgetpu/validate.js"
import { validateHierarchicalAccelerator } from "../hierarchy/validate.js"
import { validateImacAccelerator } from "../imac/validate.js"
import { validateSystolicArray } from "../systolic/validate.js"
import { type FieldIssue, fieldIssue, isNonNegativeFinite, isPositiveFinite, isRecord } from "../validation/field-rules.js"
import { HOST, type SystemUnitKind } from "./system.js"

/** One problem with a system description: the path (`units[1].name`), the value and a sentence. */
export type SystemIssue = FieldIssue

const hasClock = (accelerator: unknown): boolean => isRecord(accelerator) && isPositiveFinite(accelerator.clockMhz)

const clockIssue = (accelerator: unknown): FieldIssue[] =>
  hasClock(accelerator)
    ? []
    : [
        fieldIssue(
          "clockMhz",
          isRecord(accelerator) ? accelerator.clockMhz : undefined,
          "must be a positive number of MHz to turn cycles into seconds",
        ),
      ]

/** Each kind's validator, with paths relative to the accelerator. */
const unitValidators: Readonly<Record<SystemUnitKind, (accelerator: unknown) => readonly FieldIssue[]>> = {
  edgetpu: validateEdgeTpuAccelerator,
  imac: validateImacAccelerator,
  cpu: validateCpuAccelerator,
  hierarchical: (accelerator) => [...validateHierarchicalAccelerator(accelerator), ...clockIssue(accelerator)],
  systolic: (accelerator) => [
    ...validateSystolicArray(accelerator).map((issue) => ({ path: issue.field, value: issue.value, message: issue.message })),
    ...clockIssue(accelerator),
  ],
}

const isKind = (kind: unknown): kind is SystemUnitKind => typeof kind === "string" && Object.hasOwn(unitValidators, kind)

const validatePath = (path: string, value: unknown): SystemIssue[] => {
  if (!isRecord(value)) return [fieldIssue(path, value, "must be an object with bandwidthBytesPerSecond, energyPjPerByte, latencySeconds")]
  const issues: SystemIssue[] = []
  if (!isPositiveFinite(value.bandwidthBytesPerSecond))
    issues.push(
      fieldIssue(`${path}.bandwidthBytesPerSecond`, value.bandwidthBytesPerSecond, "must be a positive number of bytes per second"),
    )
  if (!isNonNegativeFinite(value.energyPjPerByte))
    issues.push(fieldIssue(`${path}.energyPjPerByte`, value.energyPjPerByte, "must be a non-negative number of pJ per byte"))
  if (!isNonNegativeFinite(value.latencySeconds))
    issues.push(fieldIssue(`${path}.latencySeconds`, value.latencySeconds, "must be a non-negative number of seconds"))
  return issues
}

/**
 * Checks a system description; takes `unknown` so data read from JSON can be checked before it is
 * trusted. Never throws; returns every issue (empty when valid), each naming the path and value:
 * units need distinct non-empty names other than `host`, a known kind and a valid accelerator
 * (hierarchical and systolic units also a clock); links must join known units (or `host`) with a
 * positive bandwidth and non-negative energy and latency; `home` must be `host` or a unit.
 *
 * @example
 * validateSystem({ ...system, links: [{ ...link, to: "gpu" }] })
 * // [{ path: "links[0].to", value: "gpu", message: 'links[0].to "gpu" is not a unit of the system; known: host, tpu, imac' }]
 */
export const validateSystem = (value: unknown): SystemIssue[] => {
  if (!isRecord(value))
    return [fieldIssue("(root)", value, "is not a system description: expected an object with name, units, links, hostPath")]
  const issues: SystemIssue[] = []
  if (typeof value.name !== "string") issues.push(fieldIssue("name", value.name, "must be a string"))
  const names = new Set<string>([HOST])
  const units = Array.isArray(value.units) ? (value.units as unknown[]) : []
  if (!Array.isArray(value.units) || units.length === 0) issues.push(fieldIssue("units", value.units, "must be a non-empty array of units"))
  units.forEach((unit, i) => {
    const at = `units[${i}]`
    if (!isRecord(unit)) {
      issues.push(fieldIssue(at, unit, "must be an object with kind, name, accelerator"))
      return
    }
    if (typeof unit.name !== "string" || unit.name.length === 0)
      issues.push(fieldIssue(`${at}.name`, unit.name, "must be a non-empty string"))
    else if (names.has(unit.name))
      issues.push(fieldIssue(`${at}.name`, unit.name, unit.name === HOST ? "is reserved for the host" : "is used by an earlier unit"))
    else names.add(unit.name)
    if (unit.nearData !== undefined && typeof unit.nearData !== "boolean")
      issues.push(fieldIssue(`${at}.nearData`, unit.nearData, "must be a boolean"))
    if (!isKind(unit.kind)) {
      issues.push(fieldIssue(`${at}.kind`, unit.kind, `must be one of ${Object.keys(unitValidators).join(", ")}`))
      return
    }
    for (const issue of unitValidators[unit.kind](unit.accelerator)) {
      const path = issue.path === "(root)" ? `${at}.accelerator` : `${at}.accelerator.${issue.path}`
      issues.push({ ...issue, path, message: `${at}.accelerator.${issue.message}`.replace(".(root)", "") })
    }
  })
  const known = `; known: ${[...names].join(", ")}`
  const links = Array.isArray(value.links) ? (value.links as unknown[]) : []
  if (!Array.isArray(value.links)) issues.push(fieldIssue("links", value.links, "must be an array of links (possibly empty)"))
  links.forEach((link, i) => {
    const at = `links[${i}]`
    if (!isRecord(link)) {
      issues.push(fieldIssue(at, link, "must be an object with from, to, bandwidthBytesPerSecond, energyPjPerByte, latencySeconds"))
      return
    }
    for (const end of ["from", "to"] as const) {
      const name = link[end]
      if (typeof name !== "string" || !names.has(name)) issues.push(fieldIssue(`${at}.${end}`, name, `is not a unit of the system${known}`))
    }
    if (link.from === link.to && typeof link.from === "string") issues.push(fieldIssue(`${at}.to`, link.to, "joins a unit to itself"))
    issues.push(...validatePath(at, link))
  })
  issues.push(...validatePath("hostPath", value.hostPath))
  if (value.nearDataPath !== undefined) issues.push(...validatePath("nearDataPath", value.nearDataPath))
  if (value.home !== undefined && (typeof value.home !== "string" || !names.has(value.home)))
    issues.push(fieldIssue("home", value.home, `must be host or a unit's name${known}`))
  return issues
}
