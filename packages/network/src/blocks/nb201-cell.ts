import type { NetworkBuilder, Tensor } from "../builder/builder.js"

/** The five NAS-Bench-201 edge operations, in the benchmark's own order (index = op id). */
export const nb201Operations = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"] as const

/** One NAS-Bench-201 edge operation. */
export type Nb201Operation = (typeof nb201Operations)[number]

/**
 * A NAS-Bench-201 cell: the operation on each of its six edges, in arch-string order
 * (1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2).
 */
export type Nb201Arch = readonly [Nb201Operation, Nb201Operation, Nb201Operation, Nb201Operation, Nb201Operation, Nb201Operation]

/** The (target node, source node) of each edge, in arch-string order. */
export const nb201Edges: readonly (readonly [number, number])[] = [
  [1, 0],
  [2, 0],
  [2, 1],
  [3, 0],
  [3, 1],
  [3, 2],
]

/** Parse result: the cell, or a message saying what is wrong with the string. */
export type Nb201Parse = { readonly ok: true; readonly arch: Nb201Arch } | { readonly ok: false; readonly message: string }

const isOperation = (value: string): value is Nb201Operation => (nb201Operations as readonly string[]).includes(value)

/**
 * Parses an arch string such as `|nor_conv_3x3~0|+|skip_connect~0|none~1|+|...~0|...~1|...~2|`.
 *
 * @example
 * parseNb201Arch("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")
 */
export const parseNb201Arch = (text: string): Nb201Parse => {
  const nodes = text.trim().split("+")
  const usage = `an NB201 arch string has 3 nodes joined by "+", node i listing i edges "|op~j|" for j = 0..i-1, ops one of ${nb201Operations.join(", ")}`
  if (nodes.length !== 3) return { ok: false, message: `arch "${text}" has ${nodes.length} node(s); ${usage}` }
  const ops: Nb201Operation[] = []
  for (let i = 0; i < 3; i++) {
    const edges = (nodes[i] as string).split("|").filter((part) => part.length > 0)
    if (edges.length !== i + 1)
      return { ok: false, message: `arch "${text}": node ${i + 1} has ${edges.length} edge(s), expected ${i + 1}; ${usage}` }
    for (let j = 0; j <= i; j++) {
      const [op, source] = (edges[j] as string).split("~")
      if (op === undefined || !isOperation(op)) return { ok: false, message: `arch "${text}": unknown operation "${op}"; ${usage}` }
      if (source !== String(j))
        return { ok: false, message: `arch "${text}": edge "${edges[j]}" of node ${i + 1} must read node ${j}; ${usage}` }
      ops.push(op)
    }
  }
  return { ok: true, arch: ops as unknown as Nb201Arch }
}

/**
 * The arch string of a cell.
 *
 * @example
 * formatNb201Arch(["nor_conv_3x3", "none", "skip_connect", "none", "none", "avg_pool_3x3"])
 * // "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|"
 */
export const formatNb201Arch = (arch: Nb201Arch): string => {
  let k = 0
  const nodes: string[] = []
  for (let i = 1; i <= 3; i++) {
    const edges: string[] = []
    for (let j = 0; j < i; j++) edges.push(`${arch[k++]}~${j}`)
    nodes.push(`|${edges.join("|")}|`)
  }
  return nodes.join("+")
}

/** ReLU -> conv -> BN, NAS-Bench-201's convolution unit. */
export const reluConvBn = (b: NetworkBuilder, x: Tensor, filters: number, kernel: number, stride: number, name: string): Tensor =>
  b.scope(name, () => b.batchnorm(b.conv2d(b.activation(x, "relu"), { filters, kernel, stride, name: "conv" })))

/**
 * One NAS-Bench-201 cell (Dong and Yang, 2020): node i is the sum of the operations on its
 * incoming edges; a node fed only by `none` edges is zeros. Every non-`none` edge is built,
 * even when its result never reaches the output, as the benchmark's counts include it.
 *
 * @example
 * const y = nb201Cell(b, x, arch)
 */
export const nb201Cell = (b: NetworkBuilder, x: Tensor, arch: Nb201Arch, name = "cell"): Tensor =>
  b.scope(name, () => {
    const nodes: Tensor[] = [x]
    let k = 0
    for (let target = 1; target <= 3; target++) {
      const terms: Tensor[] = []
      for (let source = 0; source < target; source++, k++) {
        const input = nodes[source] as Tensor
        const op = arch[k] as Nb201Operation
        const edge = `edge${target}${source}`
        if (op === "skip_connect") terms.push(input)
        else if (op === "nor_conv_1x1") terms.push(reluConvBn(b, input, x.shape.c, 1, 1, edge))
        else if (op === "nor_conv_3x3") terms.push(reluConvBn(b, input, x.shape.c, 3, 1, edge))
        else if (op === "avg_pool_3x3") terms.push(b.avgpool(input, { kernel: 3, stride: 1, padding: "same", name: `${edge}/avgpool` }))
      }
      const node =
        terms.length === 0 ? b.zeros(x.shape, `node${target}`) : terms.length === 1 ? (terms[0] as Tensor) : b.add(terms, `node${target}`)
      nodes.push(node)
    }
    return nodes[3] as Tensor
  })

/**
 * NAS-Bench-201's reduction block (a ResNet basic block without final ReLU): ReLU-conv3x3(stride
 * 2)-BN -> ReLU-conv3x3-BN, plus a shortcut of 2x2 average pooling and a 1x1 conv.
 */
export const nb201Reduction = (b: NetworkBuilder, x: Tensor, filters: number, name: string): Tensor =>
  b.scope(name, () => {
    const a = reluConvBn(b, x, filters, 3, 2, "conv_a")
    const y = reluConvBn(b, a, filters, 3, 1, "conv_b")
    const shortcut = b.conv2d(b.avgpool(x, { kernel: 2, stride: 2, name: "downsample/avgpool" }), {
      filters,
      kernel: 1,
      name: "downsample/conv",
    })
    return b.add([y, shortcut], "residual")
  })
