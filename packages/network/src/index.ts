/**
 * `@cosearch/network`: the layer IR with shape inference, canonical loop nests, counts, CNN blocks
 * and a model zoo.
 *
 * @example
 * import { analyzeNetworkOrThrow, buildZooNetwork, countNetwork } from "@cosearch/network"
 * const built = buildZooNetwork("mobilenet_v2")
 * if (built.ok) console.log(countNetwork(analyzeNetworkOrThrow(built.network), "int8").totals)
 *
 * @packageDocumentation
 */

export { activate, type ConvBnActOptions, convBnAct, type MaybeActivation } from "./blocks/conv-bn-act.js"
export { type FbnetOperation, fbnetBlock, fbnetOperations, isFbnetOperation } from "./blocks/fbnet-block.js"
export { gruLayer } from "./blocks/gru-cell.js"
export {
  type DepthwiseSeparableOptions,
  depthwiseSeparable,
  type FusedMbconvOptions,
  type FusedStride,
  fusedMbconv,
  type GroupConvIbnOptions,
  groupConvIbn,
  type InvertedBottleneckOptions,
  mbconv,
} from "./blocks/inverted-bottleneck.js"
export { lstmLayer } from "./blocks/lstm-cell.js"
export {
  formatNb201Arch,
  type Nb201Arch,
  type Nb201Operation,
  type Nb201Parse,
  nb201Cell,
  nb201Edges,
  nb201Operations,
  nb201Reduction,
  parseNb201Arch,
} from "./blocks/nb201-cell.js"
export { type ResnetBlockOptions, resnetBasic, resnetBottleneck } from "./blocks/resnet.js"
export { type SqueezeExciteOptions, squeezeExcite } from "./blocks/squeeze-excite.js"
export {
  type ConvOptions,
  type DepthwiseOptions,
  NetworkBuilder,
  type PoolOptions,
  pair,
  type Size2,
  type Tensor,
  type WeightOptions,
} from "./builder/builder.js"
export { countNetwork, type LayerCounts, type NetworkCounts, type NetworkTotals } from "./count/count.js"
export { nb201TableFile } from "./data-files.js"
export * from "./families/index.js"
export { type FoldReport, type FoldResult, foldAndPrune } from "./graph/fold.js"
export { InvalidNetworkError, type NetworkIssue } from "./graph/issue.js"
export {
  type AnalyzedLayer,
  type AnalyzedNetwork,
  analyzeNetwork,
  analyzeNetworkOrThrow,
  type Network,
  type NetworkAnalysis,
  toNetwork,
} from "./graph/network.js"
export * from "./import/index.js"
export {
  decodeNetworkJson,
  encodeNetworkJson,
  formatNetworkJsonIssues,
  type LayerJson,
  LayerJsonSchema,
  type NetworkJson,
  type NetworkJsonIssue,
  NetworkJsonSchema,
  networkJsonIssues,
  parseNetworkJsonText,
} from "./json/index.js"
export { inferOutputShape, resolvePadding, type ShapeFault, type ShapeInference } from "./layer/infer.js"
export type * from "./layer/layer.js"
export { activationFunctions } from "./layer/layer.js"
export { hasWeights, layerParameters } from "./layer/parameters.js"
export {
  type LoopNest,
  type LoopNestFunction,
  type LoopNestKind,
  loopNestMacs,
  loopNestOperations,
  type WeightOperand,
} from "./loopnest/loopnest.js"
export { lowerLayer, lowerNetwork } from "./loopnest/lower.js"
export { nestNetwork } from "./loopnest/nest-network.js"
export type { NetworkRule } from "./rules/network-rule.js"
export { edgeTpuNetOf, edgeTpuNetSpace, edgeTpuStageChoicesOf } from "./space/edgetpu-net-space.js"
export { fbnetLayerNames, fbnetNetworkOf, fbnetOperationsOf, fbnetSpace } from "./space/fbnet-space.js"
export { nb201ArchOf, nb201EdgeNames, nb201NetworkOf, nb201Space } from "./space/nb201-space.js"
export type { Precision } from "./tensor/precision.js"
export { bytesPerElement, isPrecision, precisions } from "./tensor/precision.js"
export type { TensorShape } from "./tensor/shape.js"
export { elementCount, formatShape, sameShape } from "./tensor/shape.js"
export { type DsCnnOptions, dsCnn, dsCnnSizes } from "./zoo/ds-cnn.js"
export {
  type EdgeTpuBlockType,
  type EdgeTpuStageBase,
  type EdgeTpuStageChoice,
  edgeTpuNet,
  edgeTpuSChoices,
  edgeTpuStageBases,
} from "./zoo/edgetpu-net.js"
export { efficientnetB0, efficientnetEdgeTpuM, efficientnetEdgeTpuS } from "./zoo/efficientnet.js"
export { type FbnetOptions, fbnet, fbnetLayers, fbnetPresets } from "./zoo/fbnet.js"
export { classifier, type ImageNetOptions, mobilenetV1, mobilenetV2, mobilenetV3Large, mobilenetV3Small } from "./zoo/mobilenet.js"
export { type Nb201Options, nb201 } from "./zoo/nb201.js"
export { buildZooNetwork, type ZooBuild, type ZooEntry, type ZooOption, type ZooOptions, zooEntries, zooNames } from "./zoo/registry.js"
export { resnet18, resnet50 } from "./zoo/resnet.js"
export { makeDivisible } from "./zoo/round.js"
export { ffnn, type LstmEncoderOptions, lstmEncoder, type TransducerOptions, transducer } from "./zoo/sequence.js"
export { bertMini, bertTiny, type TransformerEncoderOptions, transformerEncoder } from "./zoo/transformer.js"
export { vgg16 } from "./zoo/vgg.js"
