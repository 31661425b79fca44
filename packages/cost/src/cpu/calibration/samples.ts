import type { LoopNest } from "@cosearch/network"
import { analyzeNetwork, buildZooNetwork } from "@cosearch/network"
import { parseMeasurementsCsv } from "../../edgetpu/calibration/measurements.js"
import { cpuPrunedNests } from "../pruned-nests.js"
import type { CpuCalibrationSample } from "./fit.js"

/** The samples of a measurements file, split as its `split` column says, or every problem found. */
export type CpuSamplesRead =
  | { readonly ok: true; readonly train: readonly CpuCalibrationSample[]; readonly test: readonly CpuCalibrationSample[] }
  | { readonly ok: false; readonly errors: readonly string[] }

/**
 * Reads a measurements CSV (`parseMeasurementsCsv`) whose networks are zoo specs
 * (`nb201:332311`, `mobilenet_v2`) into CPU calibration samples (`cpuPrunedNests` of each
 * network). `nests` caches the nests by spec, so files that measure the same networks on several
 * devices build each once. Never throws: a bad row or an unknown spec is reported with its line.
 *
 * @example
 * const read = cpuSamplesFromCsv(gunzipSync(readFileSync("nb201-a53.csv.gz")).toString("utf8"))
 * if (read.ok) calibrateCpuWithHoldout(read, cpuPresets["cortex-a53"])
 */
export const cpuSamplesFromCsv = (text: string, nests: Map<string, readonly LoopNest[]> = new Map()): CpuSamplesRead => {
  const parsed = parseMeasurementsCsv(text)
  if (!parsed.ok) return parsed
  const train: CpuCalibrationSample[] = []
  const test: CpuCalibrationSample[] = []
  const errors: string[] = []
  for (const measurement of parsed.measurements) {
    let built = nests.get(measurement.network)
    if (built === undefined) {
      const network = buildZooNetwork(measurement.network)
      const analyzed = network.ok ? analyzeNetwork(network.network) : undefined
      if (!network.ok || analyzed === undefined || !analyzed.ok) {
        errors.push(
          `line ${measurement.line}: network "${measurement.network}": ${network.ok ? "is not a valid network" : network.message}`,
        )
        continue
      }
      built = cpuPrunedNests(analyzed.network)
      nests.set(measurement.network, built)
    }
    ;(measurement.split === "test" ? test : train).push({ nests: built, latencySeconds: measurement.latencyMs / 1e3 })
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, train, test }
}
