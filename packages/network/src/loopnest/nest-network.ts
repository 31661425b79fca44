import type { Network } from "../graph/network.js"
import type { LoopNest } from "./loopnest.js"

/**
 * A convolution loop nest as a network of one layer that lowers back to it: an input of the
 * extent the nest reads (`(P - 1)·stride + (R - 1)·dilation + 1` rows, the columns likewise; no
 * padding, as a problem's input is already padded), and a conv2d with the nest's filters, groups,
 * strides and dilations; its batch the nest's N. For a layer that comes as a bare loop nest (a
 * Timeloop problem). Nests of other kinds are refused with the reason.
 *
 * @example
 * const network = nestNetwork(nest)
 * if (typeof network !== "string") lowerNetwork(analyzeNetworkOrThrow(network))[0] // the nest again
 */
export const nestNetwork = (nest: LoopNest): Network | string => {
  if (nest.kind !== "conv") return `layer "${nest.layer}": a ${nest.kind} nest is not a convolution`
  const h = (nest.P - 1) * nest.strideH + (nest.R - 1) * nest.dilationH + 1
  const w = (nest.Q - 1) * nest.strideW + (nest.S - 1) * nest.dilationW + 1
  const input = `${nest.layer}/input`
  return {
    name: nest.layer,
    batch: nest.N,
    layers: [
      { name: input, op: "input", inputs: [], shape: { h, w, c: nest.C * nest.G } },
      {
        name: nest.layer,
        op: "conv2d",
        inputs: [input],
        filters: nest.K * nest.G,
        kernel: [nest.R, nest.S],
        stride: [nest.strideH, nest.strideW],
        dilation: [nest.dilationH, nest.dilationW],
        padding: "valid",
        groups: nest.G,
        bias: false,
      },
    ],
  }
}
