import { analyzeNetworkOrThrow, countNetwork, parseMaestroNetwork } from "@cosearch/network"
import { describe, expect, it } from "vitest"

const file = (layers: string): string => `Network tiny {\n${layers}\n}\n`
const conv = (name: string, dimensions: string, extra = ""): string =>
  `  Layer ${name} {\n    Type: CONV\n    Stride { X: 1, Y: 1 }\n    Dimensions { ${dimensions} }\n${extra}  }`

const errorsOf = (text: string): readonly string[] => {
  const parsed = parseMaestroNetwork(text)
  return parsed.ok ? [] : parsed.errors
}

describe("parseMaestroNetwork", () => {
  it("reads layers in order as independent convolutions with MAESTRO's output size", () => {
    const parsed = parseMaestroNetwork(
      file(
        [
          conv("a", "K: 8, C: 4, R: 3, S: 3, Y: 10, X: 12"),
          "  Layer b {\n    Type: CONV\n    Stride { X: 2, Y: 3 }\n    Dimensions { K: 2, C: 8, R: 2, S: 3, Y: 9, X: 9 }\n  }",
        ].join("\n"),
      ),
    )
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"))
    expect(parsed.network.layers.map((layer) => layer.name)).toEqual(["a/input", "a", "b/input", "b"])
    const counts = countNetwork(analyzeNetworkOrThrow(parsed.network), "int8")
    // a: 8 x 4 x 3 x 3 x (10 - 3 + 1) x (12 - 3 + 1); b: 2 x 8 x 2 x 3 x (floor((9 - 2) / 3) + 1) x ((9 - 3) / 2 + 1)
    expect(counts.totals.macs).toBe(8 * 4 * 9 * 8 * 10 + 2 * 8 * 6 * 3 * 4)
  })

  it("names the line and the key of what is wrong", () => {
    expect(errorsOf(file(conv("a", "K: 8, C: 4, R: 3, S: 3, Y: 10, Q: 12")))).toEqual([
      "line 5: Dimensions.Q: not a dimension (K, C, R, S, Y, X, N)",
    ])
    expect(errorsOf(file(conv("a", "K: 8, C: 4, R: 3, S: 3, Y: 10")))).toEqual(["line 5: Dimensions: X missing"])
    expect(errorsOf(file(conv("a", "K: 8, C: 0, R: 3, S: 3, Y: 10, X: 10")))).toEqual([
      'line 5: Dimensions.C: expected a positive whole number, got "0"',
    ])
    expect(errorsOf(file(conv("a", "K: 8, C: 4, R: 11, S: 3, Y: 10, X: 10")))).toEqual([
      "line 5: Dimensions: the filter (R 11, S 3) is larger than the input (Y 10, X 10)",
    ])
    expect(errorsOf(file(conv("a", "K: 8, C: 4, R: 3, S: 3, Y: 10, X: 10", "    Dataflow {\n      SpatialMap(1,1) Z;\n    }\n")))).toEqual([
      "line 7: SpatialMap dimension: expected one of K, C, R, S, Y, X, N, Y', X', got \"Z\"",
    ])
    expect(errorsOf(file(conv("a", "K: 8, C: 4, R: 3, S: 3, Y: 10, X: 10", "    Dataflow {\n      Cluster(4, Q);\n    }\n")))).toEqual([
      'line 7: Cluster type: expected "P" or "L", got "Q"',
    ])
    expect(errorsOf(file("  Layer a {\n    Type: DSCONV\n  }"))).toEqual(['line 3: Type: only CONV layers are read, got "DSCONV"'])
    expect(errorsOf("Network tiny {\n  Layer a {\n    Type: CONV\n")).toEqual([
      'line 4: Layer a: expected "Type", "Stride", "Dimensions" or "Dataflow", got the end of the file',
    ])
    expect(
      errorsOf(file(`${conv("a", "K: 1, C: 1, R: 1, S: 1, Y: 1, X: 1")}\n${conv("a", "K: 1, C: 1, R: 1, S: 1, Y: 1, X: 1")}`)),
    ).toEqual(["line 7: Layer a: the name is used twice"])
    expect(errorsOf("Network tiny {\n  Layer a { Type: CONV @ }\n}")).toEqual(['line 2: unexpected character "@"'])
    expect(errorsOf("Network tiny {\n}\n")).toEqual(["line 3: Network tiny: no layers"])
  })
})
