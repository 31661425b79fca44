import { analyzeNetworkOrThrow, type LoopNest, lowerNetwork, NetworkBuilder, type Tensor, type TensorShape } from "@cosearch/network"

/** The loop nests of a small network `build` writes on an input of `shape` (the returned tensors are its outputs). */
export const nestsOf = (shape: TensorShape, build: (b: NetworkBuilder, x: Tensor) => Tensor): LoopNest[] => {
  const b = new NetworkBuilder("small")
  const out = build(b, b.input(shape))
  return lowerNetwork(analyzeNetworkOrThrow(b.build([out])))
}

/** The single nest of a one-layer network. */
export const nestOf = (shape: TensorShape, build: (b: NetworkBuilder, x: Tensor) => Tensor): LoopNest => {
  const nests = nestsOf(shape, build)
  if (nests.length !== 1 || nests[0] === undefined) throw new Error(`expected one nest, got ${nests.length}`)
  return nests[0]
}
