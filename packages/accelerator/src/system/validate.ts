import { type AcceleratorTemplate, type AcceleratorUnit, presetNamesOf, presetUnitOf, templateOf } from "../template/template.js"
import { type FieldIssue, fieldIssue, isNonNegativeFinite, isPositiveFinite, isRecord } from "../validation/field-rules.js"
import { type HeterogeneousSystem, HOST } from "./system.js"

/** One problem with a system description: the path (`units[1].name`), the value and a sentence. */
export type SystemIssue = FieldIssue

/**
 * A unit that names an accelerator preset instead of spelling the accelerator out: its kind and
 * accelerator are the preset's (`resolveSystem` replaces it with them).
 *
 * @example
 * const unit: PresetUnit = { name: "a53", preset: "cortex-a53" }
 */
export interface PresetUnit {
  readonly name: string
  readonly preset: string
  readonly nearData?: boolean
}

/**
 * A system as a document may give it: units spelled out (`kind` and `accelerator`) or naming a
 * preset (`PresetUnit`).
 *
 * @example
 * const document: SystemDocument = { name: "pair", units: [{ name: "a53", preset: "cortex-a53" }, imacUnit], links: [], hostPath: lpddr4HostPath }
 */
export interface SystemDocument extends Omit<HeterogeneousSystem<AcceleratorUnit>, "units"> {
  readonly units: readonly (AcceleratorUnit | PresetUnit)[]
}

/** A unit's accelerator issues, their paths and messages under `at.accelerator`. */
const acceleratorIssues = (at: string, template: AcceleratorTemplate, accelerator: unknown): SystemIssue[] =>
  [...template.validate(accelerator), ...template.unitIssues(accelerator)].map((issue) => ({
    ...issue,
    path: issue.path === "(root)" ? `${at}.accelerator` : `${at}.accelerator.${issue.path}`,
    message: `${at}.accelerator.${issue.message}`.replace(".(root)", ""),
  }))

/** A preset unit's issues: a known preset whose accelerator can be a unit, and nothing else naming the accelerator. */
const presetIssues = (at: string, unit: Readonly<Record<string, unknown>>, templates: readonly AcceleratorTemplate[]): SystemIssue[] => {
  const preset = unit.preset
  if (unit.kind !== undefined || unit.accelerator !== undefined)
    return [fieldIssue(`${at}.preset`, preset, "names the accelerator: give either preset, or kind and accelerator")]
  const found = typeof preset === "string" ? presetUnitOf(templates, preset) : undefined
  if (found === undefined)
    return [fieldIssue(`${at}.preset`, preset, `is not an accelerator preset; known: ${presetNamesOf(templates).join(", ")}`)]
  const template = templateOf(templates, found.kind)
  return (template?.unitIssues(found.accelerator) ?? []).map((issue) =>
    fieldIssue(`${at}.preset`, preset, `cannot be a unit of a system: its ${issue.message}`),
  )
}

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
 * Checks a system description against the kinds of `templates` (a registry's kinds, in
 * `@cosearch/cost`: `acceleratorKinds.validateSystem`); takes `unknown` so data read from JSON can
 * be checked before it is trusted. Never throws; returns every issue (empty when valid), each
 * naming the path and value: units need distinct non-empty names other than `host`, and either a
 * known kind with an accelerator its template validates (`validate`, then `unitIssues`: a clock
 * for hierarchical and systolic units) or the name of a preset that can be a unit (`preset`);
 * links must join known units (or `host`) with a positive bandwidth and non-negative energy and
 * latency; `home` must be `host` or a unit.
 *
 * @example
 * validateSystem({ ...system, links: [{ ...link, to: "gpu" }] }, templates)
 * // [{ path: "links[0].to", value: "gpu", message: 'links[0].to "gpu" is not a unit of the system; known: host, tpu, imac' }]
 */
export const validateSystem = (value: unknown, templates: readonly AcceleratorTemplate[]): SystemIssue[] => {
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
      issues.push(fieldIssue(at, unit, "must be an object with kind, name, accelerator (or name, preset)"))
      return
    }
    if (typeof unit.name !== "string" || unit.name.length === 0)
      issues.push(fieldIssue(`${at}.name`, unit.name, "must be a non-empty string"))
    else if (names.has(unit.name))
      issues.push(fieldIssue(`${at}.name`, unit.name, unit.name === HOST ? "is reserved for the host" : "is used by an earlier unit"))
    else names.add(unit.name)
    if (unit.nearData !== undefined && typeof unit.nearData !== "boolean")
      issues.push(fieldIssue(`${at}.nearData`, unit.nearData, "must be a boolean"))
    if (unit.preset !== undefined) {
      issues.push(...presetIssues(at, unit, templates))
      return
    }
    const template = templateOf(templates, unit.kind)
    if (template === undefined) {
      issues.push(fieldIssue(`${at}.kind`, unit.kind, `must be one of ${templates.map((known) => known.kind).join(", ")}`))
      return
    }
    issues.push(...acceleratorIssues(at, template, unit.accelerator))
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

/**
 * A system read from a document, or why not.
 *
 * @example
 * const read: SystemRead = resolveSystem(JSON.parse(text), templates)
 */
export type SystemRead =
  | { readonly ok: true; readonly system: HeterogeneousSystem<AcceleratorUnit> }
  | { readonly ok: false; readonly issues: readonly SystemIssue[] }

/**
 * A system document checked (`validateSystem`) and its preset units spelled out: each
 * `{ name, preset }` becomes `{ kind, name, accelerator }` of that preset (`nearData` kept). A
 * document without preset units comes back as it is.
 *
 * @example
 * const read = resolveSystem({ ...system, units: [{ name: "a53", preset: "cortex-a53" }] }, templates)
 * if (read.ok) read.system.units[0]?.kind // "cpu"
 */
export const resolveSystem = (value: unknown, templates: readonly AcceleratorTemplate[]): SystemRead => {
  const issues = validateSystem(value, templates)
  if (issues.length > 0) return { ok: false, issues }
  const document = value as SystemDocument
  if (!document.units.some((unit) => "preset" in unit)) return { ok: true, system: document as HeterogeneousSystem<AcceleratorUnit> }
  const units = document.units.map((unit): AcceleratorUnit => {
    if (!("preset" in unit)) return unit
    const found = presetUnitOf(templates, unit.preset) as AcceleratorUnit
    return {
      kind: found.kind,
      name: unit.name,
      accelerator: found.accelerator,
      ...(unit.nearData === undefined ? {} : { nearData: unit.nearData }),
    }
  })
  return { ok: true, system: { ...document, units } }
}
