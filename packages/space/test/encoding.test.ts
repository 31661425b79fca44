import {
  boolean,
  categorical,
  compileSpace,
  configurationToGenome,
  decode,
  decodeGenome,
  defineSpace,
  encode,
  encodeGenome,
  float,
  integer,
  isFailure,
  ordinal,
  vectorLength,
  when,
} from "@cosearch/space"
import { describe, expect, it } from "vitest"

const space = defineSpace({
  name: "layout",
  parameters: [
    categorical("dataflow", ["ws", "os", "rs"]), // slots 0-2, one-hot
    ordinal("pe", [4, 8, 16, 32, 64]), // slot 3, index / 4
    integer("depth", 2, 10), // slot 4, (v - 2) / 8
    integer("batch", 1, 256, { scale: "log" }), // slot 5, ln v / ln 256
    float("lr", 1e-4, 1, { scale: "log" }), // slot 6, (log10 v + 4) / 4
    float("dropout", 0, 0.5), // slot 7, v / 0.5
    boolean("double_buffer"), // slot 8
    ordinal("expand", [3, 6], { condition: when("dataflow", "os") }), // slot 9
    ordinal("fixed", [1]), // slot 10, 0.5
  ],
})

const vectorOf = (config: Record<string, string | number | boolean>): number[] => {
  const vector = encode(space, config)
  if (isFailure(vector)) throw new Error(vector.message)
  return Array.from(vector)
}

describe("vector encoding (hand-derived)", () => {
  it("lays out one slot per value for categorical parameters and one for the rest", () => {
    expect(vectorLength(space)).toBe(11)
    expect(Array.from(compileSpace(space).vectorOffset)).toEqual([0, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it("encodes each kind as documented", () => {
    const vector = vectorOf({
      dataflow: "os",
      pe: 16,
      depth: 4,
      batch: 16,
      lr: 0.01,
      dropout: 0.125,
      double_buffer: true,
      expand: 6,
      fixed: 1,
    })
    const expected = [0, 1, 0, 0.5, 0.25, 0.5, 0.5, 0.25, 1, 1, 0.5]
    expect(vector).toHaveLength(expected.length)
    vector.forEach((x, slot) => {
      expect(x).toBeCloseTo(expected[slot] as number, 14)
    })
  })

  it("encodes the ends of ranges as exactly 0 and 1, and inactive parameters as zeros", () => {
    const vector = vectorOf({ dataflow: "rs", pe: 64, depth: 2, batch: 256, lr: 1e-4, dropout: 0.5, double_buffer: false, fixed: 1 })
    expect(vector).toEqual([0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 0.5])
  })

  it("decodes to the nearest valid value and clamps out-of-range coordinates", () => {
    // dataflow: largest slot → rs; pe: rank 0.6 × 4 = 2.4 → 2 → 16; depth: 2 + round(0.94 × 8 = 7.52) = 10;
    // batch: 256^0.5 = 16; lr: 1.7 clamps to 1 → 1; dropout: -0.3 clamps to 0 → 0; double_buffer: 0.49 < 0.5 → false;
    // expand: inactive (dataflow is not "os"), its slot ignored.
    const config = decode(space, [0.1, 0.2, 0.7, 0.6, 0.94, 0.5, 1.7, -0.3, 0.49, 0.9, 0.1])
    expect(config).toEqual({ dataflow: "rs", pe: 16, depth: 10, batch: 16, lr: 1, dropout: 0, double_buffer: false, fixed: 1 })
  })

  it("activates conditional parameters from the decoded parent, whatever their slots hold", () => {
    expect(decode(space, [0, 0.9, 0.1, 0, 0, 0, 0, 0, 0, 0.8, 0])).toMatchObject({ dataflow: "os", expand: 6 })
    expect(decode(space, [0.9, 0, 0, 0, 0, 0, 0, 0, 0, 0.8, 0])).not.toHaveProperty("expand")
  })

  it("breaks one-hot ties towards the first value", () => {
    expect(decode(space, [0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0]).dataflow).toBe("ws")
  })

  it("encodes genomes into a reused vector and decodes into a reused genome", () => {
    const genome = configurationToGenome(space, {
      dataflow: "ws",
      pe: 4,
      depth: 10,
      batch: 1,
      lr: 1,
      dropout: 0,
      double_buffer: true,
      fixed: 1,
    })
    if (isFailure(genome)) throw new Error(genome.message)
    expect(Array.from(genome)).toEqual([0, 0, 8, 0, 1, 0, 1, Number.NaN, 0])
    const vector = new Float64Array(vectorLength(space)).fill(7)
    expect(encodeGenome(space, genome, vector)).toBe(vector)
    expect(Array.from(vector)).toEqual([1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0.5])
    const out = new Float64Array(genome.length)
    expect(decodeGenome(space, vector, out)).toBe(out)
    expect(Array.from(out)).toEqual(Array.from(genome))
  })
})
