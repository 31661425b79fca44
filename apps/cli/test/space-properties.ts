import { acceleratorKinds } from "@cosearch/cost"
import type { DecodedConfiguration } from "@cosearch/engine"
import type { Network } from "@cosearch/network"
import { analyzeNetwork } from "@cosearch/network"
import type { Configuration, Parameter, Space } from "@cosearch/space"

/**
 * Whether a parameter is active in a configuration, read from the conditions alone: it has no
 * condition, or its parent is active and holds one of the condition's values.
 *
 * @example
 * isActiveIn(edgeTpuNetSpace, { s1_block: "ibn" }, groupsParameter) // false
 */
export const isActiveIn = (space: Space, configuration: Configuration, parameter: Parameter): boolean => {
  const condition = parameter.condition
  if (condition === undefined) return true
  const parent = space.parameters.find((candidate) => candidate.name === condition.parent)
  if (parent === undefined || !isActiveIn(space, configuration, parent)) return false
  const value = configuration[condition.parent]
  return condition.in.some((allowed) => allowed === value)
}

/**
 * The parameters whose presence in a configuration disagrees with their conditions (present
 * while inactive, or missing while active), and keys that are no parameter at all.
 *
 * @example
 * expect(conditionMismatches(space, config)).toEqual([])
 */
export const conditionMismatches = (space: Space, configuration: Configuration): string[] => {
  const mismatches = space.parameters.flatMap((parameter) => {
    const present = Object.hasOwn(configuration, parameter.name)
    const active = isActiveIn(space, configuration, parameter)
    if (present === active) return []
    return [`${parameter.name} is ${present ? "present but inactive" : "active but missing"}`]
  })
  const known = new Set(space.parameters.map((parameter) => parameter.name))
  return [...mismatches, ...Object.keys(configuration).flatMap((name) => (known.has(name) ? [] : [`${name} is unknown`]))]
}

const networkProblems = (path: string, network: Network): string[] => {
  const analysis = analyzeNetwork(network)
  return analysis.ok ? [] : analysis.issues.map((issue) => `${path}: ${issue.message}`)
}

/** Knobs (numbers anywhere in a description) that are not positive finite numbers. */
const knobProblems = (path: string, knobs: object): string[] =>
  Object.entries(knobs).flatMap(([name, value]) =>
    typeof value === "object" && value !== null
      ? knobProblems(`${path}.${name}`, value)
      : typeof value === "number" && !(Number.isFinite(value) && value > 0)
        ? [`${path}.${name} is ${value}, not a positive number`]
        : [],
  )

/**
 * What is wrong with a decoded configuration: network issues from `analyzeNetwork`, an
 * accelerator its kind's `validate` rejects, knob values that are not positive finite numbers
 * (the Edge TPU's fitted constants aside), recursively for joint parts. Empty when all is well.
 *
 * @example
 * expect(decodedProblems(entry.decode(config))).toEqual([])
 */
export const decodedProblems = (decoded: DecodedConfiguration, path = "decoded"): string[] => {
  switch (decoded.kind) {
    case "network":
      return networkProblems(path, decoded.network)
    case "accelerator": {
      const { unit } = decoded
      const kind = acceleratorKinds.find(unit.kind)
      if (kind === undefined) return [`${path}.kind is ${unit.kind}, not a registered kind`]
      const { constants: _, ...knobs } = unit.accelerator as Record<string, unknown>
      return [...kind.validate(unit.accelerator).map((issue) => `${path}.${issue.path}: ${issue.message}`), ...knobProblems(path, knobs)]
    }
    case "system":
      return decoded.build.ok
        ? acceleratorKinds.validateSystem(decoded.build.system).map((issue) => `${path}.${issue.path}: ${issue.message}`)
        : [`${path}: ${decoded.build.reason}`]
    case "joint":
      return Object.entries(decoded.parts).flatMap(([namespace, part]) => decodedProblems(part, `${path}.${namespace}`))
  }
}

/**
 * A copy of a configuration with its properties in another order (a seeded shuffle).
 *
 * @example
 * reordered({ a: 1, b: 2, c: 3 }, () => 0.5) // the same entries, shuffled
 */
export const reordered = (configuration: Configuration, rng: () => number): Configuration => {
  const entries = Object.entries(configuration)
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    const swap = entries[i]
    const other = entries[j]
    if (swap !== undefined && other !== undefined) {
      entries[i] = other
      entries[j] = swap
    }
  }
  return Object.fromEntries(entries)
}
