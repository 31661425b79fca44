import { formatNb201Arch, type Nb201Arch, nb201Cell, nb201Reduction } from "../blocks/nb201-cell.js"
import { NetworkBuilder } from "../builder/builder.js"
import type { Network } from "../graph/network.js"

/** Options of the NAS-Bench-201 network. */
export interface Nb201Options {
  /** Input height and width: 32 for CIFAR, 16 for ImageNet16-120. */
  readonly resolution: number
  /** 10 (CIFAR-10), 100 (CIFAR-100) or 120 (ImageNet16-120). */
  readonly classes: number
  /** Channels of the first stage (16 in the benchmark). */
  readonly channels?: number
  /** Cells per stage (5 in the benchmark). */
  readonly cells?: number
}

/**
 * The NAS-Bench-201 network (Dong and Yang, 2020) for one cell: 3x3 conv-BN stem, three stages of
 * N cells at C, 2C, 4C channels joined by reduction blocks, BN-ReLU, global pool and a classifier.
 *
 * @example
 * nb201(parseArch(...), { resolution: 32, classes: 10 }) // C=16, N=5, the CIFAR-10 network
 */
export const nb201 = (arch: Nb201Arch, o: Nb201Options): Network => {
  const channels = o.channels ?? 16
  const cells = o.cells ?? 5
  const b = new NetworkBuilder(`nb201:${formatNb201Arch(arch)}`)
  let x = b.input({ h: o.resolution, w: o.resolution, c: 3 })
  x = b.scope("stem", () => b.batchnorm(b.conv2d(x, { filters: channels, kernel: 3, name: "conv" })))
  for (let stage = 0; stage < 3; stage++) {
    if (stage > 0) x = nb201Reduction(b, x, channels * 2 ** stage, `reduction${stage}`)
    for (let i = 0; i < cells; i++) x = nb201Cell(b, x, arch, `stage${stage + 1}/cell${i + 1}`)
  }
  x = b.scope("lastact", () => b.activation(b.batchnorm(x), "relu"))
  const logits = b.scope("classifier", () => b.dense(b.globalAvgPool(x, "pool"), o.classes, { name: "fc" }))
  // The logits are the only output: edges whose results reach no later node are built (the
  // benchmark's counts include them) but are not outputs, so a compiler pass can drop them.
  return b.build([logits])
}
