/**
 * The field rules the accelerator validators share: predicates on values read from JSON, and one
 * way of writing an issue (`path value rule`).
 */

/** One problem with a description: the field path, the value found and a sentence naming both. */
export interface FieldIssue {
  readonly path: string
  readonly value: unknown
  readonly message: string
}

/** A value as an issue message shows it: strings and arrays as JSON, the rest as text. */
export const showValue = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : Array.isArray(value) ? JSON.stringify(value) : String(value)

/**
 * `{ path, value, message: "path value rule" }`: how every accelerator validator words an issue.
 *
 * @example
 * fieldIssue("crossbarRows", 0, "must be a positive integer") // { path: "crossbarRows", value: 0, message: "crossbarRows 0 must be a positive integer" }
 */
export const fieldIssue = (path: string, value: unknown, rule: string): FieldIssue => ({
  path,
  value,
  message: `${path} ${showValue(value)} ${rule}`,
})

export const isPositiveInteger = (value: unknown): boolean => typeof value === "number" && Number.isInteger(value) && value >= 1
export const isPositiveFinite = (value: unknown): boolean => typeof value === "number" && Number.isFinite(value) && value > 0
export const isNonNegativeFinite = (value: unknown): boolean => typeof value === "number" && Number.isFinite(value) && value >= 0
export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * Which flat fields of a description must be positive integers, positive numbers, or finite numbers >= 0.
 *
 * @example
 * const rules: FlatFieldRules = { positiveIntegers: ["cores"], positive: ["clockHz"], nonNegative: ["staticPowerW"] }
 */
export interface FlatFieldRules {
  readonly positiveIntegers: readonly string[]
  readonly positive: readonly string[]
  readonly nonNegative: readonly string[]
}

/**
 * The issues of a flat description: `kind` must equal `kind`, `name` must be a non-empty string,
 * and each listed field must follow its rule, in that order (the validator of a kind whose
 * description is a flat record: the CPU, IMAC).
 *
 * @example
 * flatFieldIssues({ kind: "cpu", name: "x", cores: 0 }, "cpu", { positiveIntegers: ["cores"], positive: [], nonNegative: [] })
 * // [{ path: "cores", value: 0, message: "cores 0 must be a positive integer" }]
 */
export const flatFieldIssues = (value: Readonly<Record<string, unknown>>, kind: string, rules: FlatFieldRules): FieldIssue[] => {
  const issues: FieldIssue[] = []
  if (value.kind !== kind) issues.push(fieldIssue("kind", value.kind, `must be "${kind}"`))
  if (typeof value.name !== "string" || value.name === "") issues.push(fieldIssue("name", value.name, "must be a non-empty string"))
  for (const field of rules.positiveIntegers)
    if (!isPositiveInteger(value[field])) issues.push(fieldIssue(field, value[field], "must be a positive integer"))
  for (const field of rules.positive)
    if (!isPositiveFinite(value[field])) issues.push(fieldIssue(field, value[field], "must be a positive number"))
  for (const field of rules.nonNegative)
    if (!isNonNegativeFinite(value[field])) issues.push(fieldIssue(field, value[field], "must be a finite number >= 0"))
  return issues
}

/**
 * A system unit's clock issue: `clockMhz` must be a positive number to turn cycles into seconds
 * (the `unitIssues` of kinds whose description may leave the clock out).
 *
 * @example
 * clockMhzIssues(maestro256Pe)[0]?.message // "clockMhz undefined must be a positive number of MHz to turn cycles into seconds"
 */
export const clockMhzIssues = (accelerator: unknown): FieldIssue[] =>
  isRecord(accelerator) && isPositiveFinite(accelerator.clockMhz)
    ? []
    : [
        fieldIssue(
          "clockMhz",
          isRecord(accelerator) ? accelerator.clockMhz : undefined,
          "must be a positive number of MHz to turn cycles into seconds",
        ),
      ]
