import { type EdgeTpuKnobs, edgeTpuKnobs, edgeTpuKnobsOf, type KnobSpace } from "@cosearch/accelerator"
import { acceleratorKinds, costOn, edgeTpuWorkloadOf } from "@cosearch/cost"
import { analyzeNetworkOrThrow, edgeTpuNetOf, edgeTpuNetSpace } from "@cosearch/network"
import { type Configuration, productSpace, projectConfiguration, type Space, sampleMany } from "@cosearch/space"
import { type Dataset, datasetOf } from "../data/dataset.js"
import { SurrogateDataError } from "../data/errors.js"
import { designFeatureNames, designFeatures } from "../features/design-features.js"
import { networkFeatureNames, networkFeatures } from "../features/network-features.js"

/**
 * The joint space the engine names `edgetpu-joint`: `edgeTpuNetSpace` networks (`nn.`) with the
 * Edge TPU template's ten knobs (`hw.`), built the same way (`productSpace`).
 */
export const edgeTpuJointSpace: Space = productSpace({ nn: edgeTpuNetSpace, hw: edgeTpuKnobs }, { name: "edgetpu-joint" })

/**
 * Derived features of an Edge TPU design with a network: the design's totals (cores, peak MACs
 * per cycle, PE, core and parameter memory in all, I/O bytes per cycle at 800 MHz) and the
 * network-by-design ratios the analytical model turns on (ideal compute cycles = MACs / peak,
 * parameter bytes beyond the PE memories and their I/O cycles, the input and output's I/O cycles,
 * the largest layer's activations over on-chip memory, layers per instruction-memory entry).
 */
export const edgeTpuCrossFeatureNames: readonly string[] = [
  "edgetpu.cores",
  "edgetpu.peakMacsPerCycle",
  "edgetpu.peMemoryBytes",
  "edgetpu.coreMemoryBytes",
  "edgetpu.parameterMemoryBytes",
  "edgetpu.ioBytesPerCycle",
  "edgetpu.idealComputeCycles",
  "edgetpu.streamedParameterBytes",
  "edgetpu.streamCycles",
  "edgetpu.ioCycles",
  "edgetpu.activationPressure",
  "edgetpu.layersPerInstruction",
]

const feature = (name: string): number => networkFeatureNames.indexOf(name)
const MACS = feature("total.macs")
const PARAMETERS = feature("total.parameterBytes")
const PEAK_ACTIVATIONS = feature("total.peakActivationBytes")
const INPUT = feature("graph.inputBytes")
const OUTPUT = feature("graph.outputBytes")
const LAYERS = feature("total.layers")

/** Writes `edgeTpuCrossFeatureNames`' values for a network's features and a design's knobs. */
export const edgeTpuCrossFeatures = (network: Float64Array, knobs: EdgeTpuKnobs, out: Float64Array, offset: number): void => {
  const pes = knobs.peX * knobs.peY
  const cores = pes * knobs.coresPerPe
  const peak = cores * knobs.computeLanes
  const peMemory = pes * knobs.peMemoryBytes
  const coreMemory = cores * knobs.coreMemoryBytes
  const ioBytesPerCycle = knobs.ioBandwidthBytesPerSecond / 800e6
  const streamed = Math.max(0, (network[PARAMETERS] as number) - peMemory)
  out[offset] = cores
  out[offset + 1] = peak
  out[offset + 2] = peMemory
  out[offset + 3] = coreMemory
  out[offset + 4] = cores * knobs.parameterMemoryBytes
  out[offset + 5] = ioBytesPerCycle
  out[offset + 6] = (network[MACS] as number) / peak
  out[offset + 7] = streamed
  out[offset + 8] = streamed / ioBytesPerCycle
  out[offset + 9] = ((network[INPUT] as number) + (network[OUTPUT] as number)) / ioBytesPerCycle
  out[offset + 10] = (network[PEAK_ACTIVATIONS] as number) / (peMemory + coreMemory)
  out[offset + 11] = (network[LAYERS] as number) / knobs.instructionMemoryEntries
}

/** The features of an `edgeTpuJointSpace` design: the network's, the knobs' encoding as `hw.<knob>`, then `edgeTpuCrossFeatureNames`. */
export const edgeTpuJointFeatureNames: readonly string[] = [
  ...networkFeatureNames,
  ...designFeatureNames(edgeTpuKnobs).map((name) => `hw.${name}`),
  ...edgeTpuCrossFeatureNames,
]

const NETWORK_WIDTH = networkFeatureNames.length
const KNOB_WIDTH = designFeatureNames(edgeTpuKnobs).length

/** Writes a joint row from the network's features and the (un-prefixed) knob configuration. */
const writeJointRow = (network: Float64Array, hw: Configuration, out: Float64Array, offset: number): void => {
  out.set(network, offset)
  designFeatures(edgeTpuKnobs, hw, out, offset + NETWORK_WIDTH)
  edgeTpuCrossFeatures(network, edgeTpuKnobsOf(hw), out, offset + NETWORK_WIDTH + KNOB_WIDTH)
}

/**
 * The features (`edgeTpuJointFeatureNames`) of an `edgeTpuJointSpace` configuration (`nn.` and
 * `hw.` parameters): builds and analyzes its network, featurizes it and the knobs. Writes into
 * `out` at `offset` when given.
 *
 * @example
 * const latencyMs = surrogate.predict(edgeTpuJointFeatures(configuration))
 */
export const edgeTpuJointFeatures = (configuration: Configuration, out?: Float64Array, offset = 0): Float64Array => {
  const vector = out ?? new Float64Array(edgeTpuJointFeatureNames.length)
  const network = networkFeatures(analyzeNetworkOrThrow(edgeTpuNetOf(projectConfiguration(configuration, "nn"))))
  writeJointRow(network, projectConfiguration(configuration, "hw"), vector, offset)
  return vector
}

/** Options of `sampleEdgeTpuJoint`. */
export interface EdgeTpuJointSampling {
  /** Feasible designs to collect. */
  readonly designs: number
  /** Knob settings drawn per sampled network (default 25): building a network costs ~100x an evaluation. */
  readonly designsPerNetwork?: number
  readonly seed: number | string
}

/** Analytical-model samples of the joint space: one dataset per target, rows aligned. */
export interface EdgeTpuJointSamples {
  readonly latencyMs: Dataset
  readonly energyMj: Dataset
  /** The sampled network of each row (0-based draw number), for splits that keep a network's rows together. */
  readonly networkOfRow: Int32Array
  readonly networks: number
  /** Designs the model called infeasible (a program larger than the instruction memory, activations larger than all on-chip memory); not in the datasets. */
  readonly infeasible: number
  readonly configurations: readonly Configuration[]
}

/** The Edge TPU kind's `edgetpu-knobs` space: a configuration's unit (`edgeTpuFromKnobs`' defaults). */
const edgeTpuKnobSpace = acceleratorKinds.knobSpace("edgetpu-knobs") as KnobSpace

/**
 * Samples `designs` feasible designs of `edgeTpuJointSpace` and costs them with the Edge TPU
 * model as the engine's `cost` evaluator does (`costOn`, totals only, on the unit of the
 * `edgetpu-knobs` space: `edgeTpuFromKnobs`, 800 MHz, int8, the Coral calibration, no area
 * budget; the network's workload is prepared once and reused for its designs). Networks are drawn
 * uniformly from `edgeTpuNetSpace` and each is paired with `designsPerNetwork` uniform knob
 * settings (building and featurizing a network takes ~10 ms, costing it on a design ~0.1 ms).
 * Infeasible designs are counted and left out. Seeded and deterministic.
 *
 * @example
 * const { latencyMs, energyMj } = sampleEdgeTpuJoint({ designs: 2000, seed: 1 })
 */
export const sampleEdgeTpuJoint = (options: EdgeTpuJointSampling): EdgeTpuJointSamples => {
  const perNetwork = options.designsPerNetwork ?? 25
  if (!(Number.isInteger(options.designs) && options.designs >= 1))
    throw new SurrogateDataError(`designs: expected a positive integer, got ${options.designs}`)
  if (!(Number.isInteger(perNetwork) && perNetwork >= 1))
    throw new SurrogateDataError(`designsPerNetwork: expected a positive integer, got ${perNetwork}`)
  const width = edgeTpuJointFeatureNames.length
  const rows: Float64Array[] = []
  const latency: number[] = []
  const energy: number[] = []
  const networkOfRow: number[] = []
  const configurations: Configuration[] = []
  let infeasible = 0
  let networks = 0
  while (rows.length < options.designs) {
    const [nn] = sampleMany(edgeTpuNetSpace, 1, `${options.seed}/network/${networks}`)
    const analyzed = analyzeNetworkOrThrow(edgeTpuNetOf(nn ?? {}))
    const prepared = edgeTpuWorkloadOf(analyzed)
    if (!prepared.ok) throw new Error(`edgetpu-net network ${networks} is invalid: ${prepared.issues[0]?.message}`)
    const features = networkFeatures(analyzed)
    for (const hw of sampleMany(edgeTpuKnobs, perNetwork, `${options.seed}/knobs/${networks}`)) {
      if (rows.length >= options.designs) break
      const cost = costOn(edgeTpuKnobSpace.decode(hw), analyzed)
      if (!cost.feasible) {
        infeasible++
        continue
      }
      const row = new Float64Array(width)
      writeJointRow(features, hw, row, 0)
      rows.push(row)
      latency.push(cost.totals.latencyMs ?? Number.NaN)
      energy.push(cost.totals.energyMj ?? Number.NaN)
      networkOfRow.push(networks)
      configurations.push({
        ...Object.fromEntries(Object.entries(nn ?? {}).map(([name, value]) => [`nn.${name}`, value])),
        ...Object.fromEntries(Object.entries(hw).map(([name, value]) => [`hw.${name}`, value])),
      })
    }
    networks++
  }
  return {
    latencyMs: datasetOf(edgeTpuJointFeatureNames, rows, latency),
    energyMj: datasetOf(edgeTpuJointFeatureNames, rows, energy),
    networkOfRow: Int32Array.from(networkOfRow),
    networks,
    infeasible,
    configurations,
  }
}
