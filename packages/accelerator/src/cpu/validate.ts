import {
  type FieldIssue,
  type FlatFieldRules,
  fieldIssue,
  flatFieldIssues,
  isPositiveFinite,
  isPositiveInteger,
  isRecord,
} from "../validation/field-rules.js"
import { type CpuAccelerator, cpuLayerClasses } from "./accelerator.js"

const rules: FlatFieldRules = {
  positiveIntegers: ["cores", "simdBytes", "l1Bytes", "l2Bytes"],
  positive: ["clockHz", "dramBytesPerSecond"],
  nonNegative: ["layerOverheadSeconds", "inferenceOverheadSeconds", "energyPerOpPj", "dramEnergyPjPerByte", "staticPowerW"],
}

/**
 * Checks a CPU read from JSON (or built in code). Never throws; returns every issue, each naming
 * the field path and value: `kind` "cpu", a name, positive integer cores, SIMD width and cache
 * sizes, a SIMD width of at least one element, precision int8 or fp32, a positive clock and DRAM
 * bandwidth, a positive efficiency per layer class, and overhead, energies and power >= 0.
 *
 * @example
 * validateCpuAccelerator({ ...cpuPresets["cortex-a53"], cores: 0 })
 * // [{ path: "cores", value: 0, message: "cores 0 must be a positive integer" }]
 */
export const validateCpuAccelerator = (value: unknown): FieldIssue[] => {
  if (!isRecord(value)) return [fieldIssue("(root)", value, "is not a CPU: expected an object with kind, cores, clockHz")]
  const issues = flatFieldIssues(value, "cpu", rules)
  if (value.precision !== "int8" && value.precision !== "fp32")
    issues.push(fieldIssue("precision", value.precision, 'must be "int8" or "fp32"'))
  else if (value.precision === "fp32" && isPositiveInteger(value.simdBytes) && (value.simdBytes as number) < 4)
    issues.push(fieldIssue("simdBytes", value.simdBytes, "must hold at least one fp32 element (4 bytes)"))
  const efficiency = value.efficiency
  if (!isRecord(efficiency)) issues.push(fieldIssue("efficiency", efficiency, `must be an object with ${cpuLayerClasses.join(", ")}`))
  else
    for (const layerClass of cpuLayerClasses)
      if (!isPositiveFinite(efficiency[layerClass]))
        issues.push(fieldIssue(`efficiency.${layerClass}`, efficiency[layerClass], "must be a positive number"))
  return issues
}

/**
 * Whether a value is a valid CPU.
 *
 * @example
 * isValidCpuAccelerator(JSON.parse(text))
 */
export const isValidCpuAccelerator = (value: unknown): value is CpuAccelerator => validateCpuAccelerator(value).length === 0
