import type { NetworkBuilder, Tensor } from "../builder/builder.js"
import { convBnAct } from "./conv-bn-act.js"

/** The nine FBNet candidate blocks (Wu et al., 2019): kernel, expansion, groups, or skip. */
export const fbnetOperations = ["k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"] as const

/** One FBNet block id. */
export type FbnetOperation = (typeof fbnetOperations)[number]

/** Type guard for FBNet block ids. */
export const isFbnetOperation = (value: string): value is FbnetOperation => (fbnetOperations as readonly string[]).includes(value)

/** Kernel, expansion and groups of a non-skip FBNet block id. */
export const fbnetOperationShape = (op: Exclude<FbnetOperation, "skip">): { kernel: number; expansion: number; groups: number } => {
  const [k, e, g] = op.split("_")
  return { kernel: Number(k?.slice(1)), expansion: Number(e?.slice(1)), groups: g === undefined ? 1 : Number(g.slice(1)) }
}

/**
 * One FBNet block: 1x1 group conv-BN-ReLU (to `in x expansion` channels) -> channel shuffle when
 * grouped -> KxK depthwise (stride)-BN-ReLU -> 1x1 group conv-BN, with a residual when stride is 1
 * and channels match. `skip` is the identity, or a strided 1x1 conv-BN-ReLU when the shape changes.
 *
 * @example
 * const y = fbnetBlock(b, x, "k5_e6", 32, 2)
 */
export const fbnetBlock = (b: NetworkBuilder, x: Tensor, op: FbnetOperation, out: number, stride: number, name: string = op): Tensor =>
  b.scope(name, () => {
    if (op === "skip") {
      return x.shape.c === out && stride === 1 ? x : convBnAct(b, x, { filters: out, kernel: 1, stride, act: "relu", name: "skip" })
    }
    const { kernel, expansion, groups } = fbnetOperationShape(op)
    let y = convBnAct(b, x, { filters: x.shape.c * expansion, kernel: 1, groups, act: "relu", name: "expand" })
    if (groups > 1) y = b.shuffle(y, groups)
    y = b.scope("depthwise", () => b.activation(b.batchnorm(b.depthwise(y, { kernel, stride, name: "dw" })), "relu"))
    y = convBnAct(b, y, { filters: out, kernel: 1, groups, act: "none", name: "project" })
    return stride === 1 && x.shape.c === out ? b.add([x, y], "residual") : y
  })
