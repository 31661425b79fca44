/**
 * `@cosearch/surrogate`: learned cost models. Featurizers turn a network (per-layer-type
 * aggregates and a position-bucket graph encoding of the network as the compiler leaves it) and a
 * design (its space's vector encoding) into fixed-length vectors; gradient-boosted trees, random
 * forests, an MLP and a GP learn a cost from them and predict it in microseconds; every model
 * saves to and loads from plain JSON.
 *
 * @example
 * import { datasetOf, trainSurrogate } from "@cosearch/surrogate"
 * const data = datasetOf(["x"], [1, 2, 3, 4, 5, 6, 7, 8].map((x) => Float64Array.of(x)), [2, 4, 6, 8, 10, 12, 14, 16])
 * const { surrogate } = trainSurrogate(data, "y", { model: "gbt", seed: 1, validationFraction: 0 })
 * surrogate.predict(Float64Array.of(4)) // close to 8
 *
 * @packageDocumentation
 */

export { type Agreement, agreementOf } from "./agreement/agreement-of.js"
export { type Dataset, datasetOf, subsetOf } from "./data/dataset.js"
export { SurrogateDataError, SurrogateFormatError } from "./data/errors.js"
export { designFeatureNames, designFeatures } from "./features/design-features.js"
export {
  NETWORK_POSITION_BUCKETS,
  type NetworkLayerGroup,
  networkDataset,
  networkFeatureNames,
  networkFeatures,
  networkLayerGroups,
  networkShapeBuckets,
} from "./features/network-features.js"
export { type MeasurementDatasets, measurementDatasets } from "./measurements/measurement-datasets.js"
export { type GbtOptions, gbtDefaults } from "./models/gbt.js"
export { type GpOptions, gpDefaults } from "./models/gp.js"
export { type MlpOptions, mlpDefaults } from "./models/mlp.js"
export { type ModelKind, type ModelOptions, modelKinds, modelRegistry } from "./models/registry.js"
export { type RfOptions, rfDefaults } from "./models/rf.js"
export {
  type EdgeTpuJointSamples,
  type EdgeTpuJointSampling,
  edgeTpuCrossFeatureNames,
  edgeTpuCrossFeatures,
  edgeTpuJointFeatureNames,
  edgeTpuJointFeatures,
  edgeTpuJointSpace,
  sampleEdgeTpuJoint,
} from "./samples/edgetpu-joint.js"
export { type Surrogate, type SurrogateJson, surrogateFromJson } from "./train/surrogate.js"
export { type TrainOptions, type TrainResult, trainSurrogate } from "./train/train-surrogate.js"
