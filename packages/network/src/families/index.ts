export { clusterLayers, familyCoordinates, type LayerFamilies, type LayerFamily } from "./cluster.js"
export { type LayerFeatures, type LayerType, layerFeatures, layerTypeOf } from "./layer-features.js"
