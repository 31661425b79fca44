import { parseMeasurementsCsv } from "@cosearch/cost"
import { buildZooNetwork, type Network } from "@cosearch/network"
import type { Dataset } from "../data/dataset.js"
import { SurrogateDataError } from "../data/errors.js"
import { networkDataset } from "../features/network-features.js"

/** The train and test datasets of a measurements file; `test` is undefined when the file has no test rows. */
export interface MeasurementDatasets {
  readonly train: Dataset
  readonly test: Dataset | undefined
}

/**
 * Datasets of measured latencies from a measurements CSV (the format `cosearch calibrate
 * --measurements` reads: `network` zoo specs, `latency_ms`, optional `split`), each network built
 * from the zoo and featurized with `networkFeatures`. Throws `SurrogateDataError` naming the line
 * of a bad row or an unknown network.
 *
 * @example
 * const { train, test } = measurementDatasets(gunzipSync(readFileSync("nb201-coral.csv.gz")).toString("utf8"))
 */
export const measurementDatasets = (text: string): MeasurementDatasets => {
  const parsed = parseMeasurementsCsv(text)
  if (!parsed.ok) throw new SurrogateDataError(parsed.errors.slice(0, 5).join("\n"))
  const split = { train: { networks: [] as Network[], ms: [] as number[] }, test: { networks: [] as Network[], ms: [] as number[] } }
  for (const measurement of parsed.measurements) {
    const built = buildZooNetwork(measurement.network)
    if (!built.ok) throw new SurrogateDataError(`line ${measurement.line}: network "${measurement.network}": ${built.message}`)
    split[measurement.split].networks.push(built.network)
    split[measurement.split].ms.push(measurement.latencyMs)
  }
  return {
    train: networkDataset(split.train.networks, split.train.ms),
    test: split.test.networks.length === 0 ? undefined : networkDataset(split.test.networks, split.test.ms),
  }
}
