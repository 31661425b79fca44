// Run from the repository root:
//   node --conditions=@cosearch/source --import tsx packages/network/examples/quickstart.ts
import {
  analyzeNetwork,
  analyzeNetworkOrThrow,
  buildZooNetwork,
  countNetwork,
  lowerNetwork,
  mbconv,
  NetworkBuilder,
} from "@cosearch/network"

// A zoo network, by name (arguments after a colon: "nb201:<arch>", "fbnet:<22 ids>", "fbnet:b").
const built = buildZooNetwork("mobilenet_v2", { resolution: 160, width: 0.75 })
if (!built.ok) throw new Error(built.message)

// Analyze (validate and infer shapes), then count at a precision.
const analysis = analyzeNetwork(built.network)
if (!analysis.ok) throw new Error(analysis.issues.map((issue) => issue.message).join("\n"))
const { totals } = countNetwork(analysis.network, "int8")
console.log("mobilenet_v2 @160, x0.75:", totals)

// The loop nests the cost model consumes.
const [stem] = lowerNetwork(analysis.network)
console.log("first loop nest:", stem)

// Your own network, block by block.
const b = new NetworkBuilder("tiny")
let x = b.input({ h: 32, w: 32, c: 16 })
x = mbconv(b, x, { expanded: 96, out: 24, kernel: 3, stride: 2, act: "relu6" })
b.dense(b.globalAvgPool(x), 10)
console.log("tiny:", countNetwork(analyzeNetworkOrThrow(b.build()), "int8").totals)
