import {
  analyzeNetwork,
  analyzeNetworkOrThrow,
  buildZooNetwork,
  countNetwork,
  foldAndPrune,
  type Nb201Arch,
  NetworkBuilder,
  nb201,
  nb201Edges,
  nb201Operations,
} from "@cosearch/network"
import { describe, expect, it } from "vitest"

describe("foldAndPrune: constant folding and dead-code elimination", () => {
  it("folds a constant branch into the sum, drops the identity sum and a branch that reaches no output", () => {
    const b = new NetworkBuilder("tiny")
    const x = b.input({ h: 8, w: 8, c: 4 })
    const a = b.conv2d(x, { filters: 4, kernel: 3, padding: "same", name: "a" })
    const z = b.zeros({ h: 8, w: 8, c: 4 }, "z")
    const c = b.conv2d(z, { filters: 4, kernel: 3, padding: "same", name: "c" })
    const sum = b.add([a, c], "sum")
    b.conv2d(x, { filters: 2, kernel: 1, name: "unused" })
    const out = b.globalAvgPool(sum, "out")
    const result = foldAndPrune(analyzeNetworkOrThrow(b.build([out])))
    expect(result.folded).toEqual(["z", "c"])
    expect(result.identities).toEqual(["sum"])
    expect(result.dead).toEqual(["unused"])
    expect(result.network.layers.map((layer) => layer.name)).toEqual(["input", "a", "out"])
    expect(result.network.layers.find((layer) => layer.name === "out")?.inputs).toEqual(["a"])
    expect(analyzeNetwork(result.network).ok).toBe(true)
  })

  it("keeps a sum of two live operands, minus its constant one", () => {
    const b = new NetworkBuilder("three")
    const x = b.input({ h: 4, w: 4, c: 2 })
    const p = b.pointwise(x, 2, { name: "p" })
    const q = b.pointwise(x, 2, { name: "q" })
    const sum = b.add([p, b.zeros({ h: 4, w: 4, c: 2 }, "z"), q], "sum")
    const result = foldAndPrune(analyzeNetworkOrThrow(b.build([sum])))
    expect(result.network.layers.find((layer) => layer.name === "sum")?.inputs).toEqual(["p", "q"])
    expect(result.identities).toEqual([])
  })

  it("keeps a constant read by a layer that cannot absorb it", () => {
    const b = new NetworkBuilder("mul")
    const x = b.input({ h: 4, w: 4, c: 2 })
    const product = b.layer({ op: "mul" }, [x, b.zeros({ h: 4, w: 4, c: 2 }, "z")], "product")
    const result = foldAndPrune(analyzeNetworkOrThrow(b.build([product])))
    expect(result.network.layers.map((layer) => layer.name)).toEqual(["input", "z", "product"])
  })

  it("without explicit outputs, every unread layer counts as an output", () => {
    const b = new NetworkBuilder("two-heads")
    const x = b.input({ h: 4, w: 4, c: 2 })
    b.pointwise(x, 2, { name: "p" })
    b.pointwise(x, 3, { name: "q" })
    expect(foldAndPrune(analyzeNetworkOrThrow(b.build())).dead).toEqual([])
  })

  it("an unknown output name is an issue of the network", () => {
    const b = new NetworkBuilder("bad")
    b.input({ h: 4, w: 4, c: 2 })
    const analysis = analyzeNetwork({ ...b.build(), outputs: ["logits"] })
    expect(analysis.ok).toBe(false)
    if (!analysis.ok) expect(analysis.issues[0]?.message).toContain('"logits"')
  })
})

// The same simplification derived on the cell's six-edge DAG: node 0 is live input; a node is
// dynamic when a non-`none` edge brings it a dynamic node; a node is needed when a non-`none`
// edge takes it to a needed node (node 3 is needed). An edge runs when its source is dynamic and
// its target needed; a needed node with m running edges needs m - 1 sums.
const expectedCellWork = (arch: Nb201Arch) => {
  const dynamic = [true, false, false, false]
  for (const [e, [target, source]] of nb201Edges.entries()) if (arch[e] !== "none" && dynamic[source]) dynamic[target] = true
  const needed = [false, false, false, true]
  for (let e = nb201Edges.length - 1; e >= 0; e--) {
    const [target, source] = nb201Edges[e] as readonly [number, number]
    if (arch[e] !== "none" && needed[target]) needed[source] = true
  }
  const work = { conv1x1: 0, conv3x3: 0, pool: 0, sums: 0 }
  const running = [0, 0, 0, 0]
  for (const [e, [target, source]] of nb201Edges.entries()) {
    const op = arch[e]
    if (op === "none" || !dynamic[source] || !needed[target]) continue
    running[target] = (running[target] as number) + 1
    if (op === "nor_conv_1x1") work.conv1x1++
    if (op === "nor_conv_3x3") work.conv3x3++
    if (op === "avg_pool_3x3") work.pool++
  }
  for (const count of running) work.sums += Math.max(0, count - 1)
  return { work, connected: dynamic[3] === true }
}

describe("foldAndPrune on NAS-Bench-201 cells", () => {
  it("leaves exactly the work the cell's DAG derivation predicts, for every 37th of the 15,625 cells", () => {
    let checked = 0
    for (let index = 0; index < 5 ** 6; index += 37) {
      const arch = Array.from({ length: 6 }, (_, e) => nb201Operations[Math.floor(index / 5 ** e) % 5]) as unknown as Nb201Arch
      const { work: expected, connected } = expectedCellWork(arch)
      if (!connected) continue
      const network = nb201(arch, { resolution: 8, classes: 10, channels: 4, cells: 1 })
      const analyzed = analyzeNetworkOrThrow(foldAndPrune(analyzeNetworkOrThrow(network)).network)
      const inCell = analyzed.layers.filter((entry) => entry.layer.name.startsWith("stage1/cell1/"))
      const ops = (predicate: (entry: (typeof inCell)[number]) => boolean) => inCell.filter(predicate).length
      expect({
        conv1x1: ops((entry) => entry.layer.op === "conv2d" && entry.params === 4 * 4),
        conv3x3: ops((entry) => entry.layer.op === "conv2d" && entry.params === 4 * 4 * 9),
        pool: ops((entry) => entry.layer.op === "avgpool"),
        sums: inCell.reduce((sum, entry) => sum + (entry.layer.op === "add" ? entry.layer.inputs.length - 1 : 0), 0),
      }).toEqual(expected)
      checked++
    }
    expect(checked).toBeGreaterThan(300)
  })

  it("an LSTM's folded first recurrent projection hands its shared weights to the next step's", () => {
    // h0 is zeros, so t0's recurrent projection is constant and folded; t1 and t2 shared its weights.
    const b = new NetworkBuilder("rnn")
    const x = b.input({ h: 1, w: 1, c: 4 })
    const h0 = b.zeros({ h: 1, w: 1, c: 4 }, "h0")
    const r0 = b.dense(h0, 4, { name: "r0" })
    const h1 = b.add([x, r0], "s1")
    const r1 = b.dense(h1, 4, { name: "r1", shareWeights: "r0" })
    const r2 = b.dense(r1, 4, { name: "r2", shareWeights: "r0" })
    const result = foldAndPrune(analyzeNetworkOrThrow(b.build([r2])))
    expect(result.folded).toEqual(["h0", "r0"])
    const byName = new Map(result.network.layers.map((layer) => [layer.name, layer]))
    expect(
      "shareWeights" in (byName.get("r1") ?? {}) ? (byName.get("r1") as { shareWeights?: string }).shareWeights : undefined,
    ).toBeUndefined()
    expect((byName.get("r2") as { shareWeights?: string }).shareWeights).toBe("r1")
    const analyzed = analyzeNetwork(result.network)
    expect(analyzed.ok).toBe(true)
    // One copy of the 4x4 weights: r1 owns them, r2 shares them.
    if (analyzed.ok) expect(analyzed.network.layers.filter((l) => l.ownsParams && l.params > 0).map((l) => l.layer.name)).toEqual(["r1"])
  })

  it("keeps the LSTM encoder and the transducer valid after folding, dropping only weights no kept layer uses", () => {
    const hidden = 256
    const projection = 4 * hidden * hidden + 4 * hidden // a recurrent projection with its bias
    // The transducer's prediction network runs one step: its only recurrent projection reads the
    // zero initial state, is folded, and no later step shares its weights.
    for (const [spec, dropped] of [
      ["lstm_encoder", 0],
      ["transducer", projection],
    ] as const) {
      const built = buildZooNetwork(spec)
      if (!built.ok) throw new Error(built.message)
      const analyzed = analyzeNetworkOrThrow(built.network)
      const folded = analyzeNetwork(foldAndPrune(analyzed).network)
      expect(folded.ok).toBe(true)
      if (folded.ok) expect(countNetwork(folded.network, "int8").totals.params).toBe(countNetwork(analyzed, "int8").totals.params - dropped)
    }
  })
})
