import type { Network } from "../graph/network.js"
import type { Conv2dLayer, InputLayer, Layer, Padding } from "../layer/layer.js"
import type { LoopNest } from "../loopnest/loopnest.js"
import { readTopologyRows, type ScaleSimTopologyRow, type TopologyError } from "./topology-rows.js"

/**
 * The result of `parseScaleSimTopology`: the network and the rows it came from, or every error.
 *
 * @example
 * const parsed: ScaleSimTopologyParse = parseScaleSimTopology(text, "resnet18")
 * if (!parsed.ok) console.error(parsed.errors.map((error) => error.message).join("\n"))
 */
export type ScaleSimTopologyParse =
  | { readonly ok: true; readonly network: Network; readonly rows: readonly ScaleSimTopologyRow[] }
  | { readonly ok: false; readonly errors: readonly TopologyError[] }

/**
 * SCALE-Sim's output size along one axis: `ceil((input - filter + stride) / stride)`. Where the
 * stride does not divide `input - filter`, the last window runs past the input and SCALE-Sim
 * treats the missing elements as padding; the returned padding (after the input) reproduces that.
 */
const scaleSimAxis = (input: number, filter: number, stride: number): { readonly output: number; readonly after: number } => {
  const output = Math.ceil((input - filter + stride) / stride)
  return { output, after: (output - 1) * stride + filter - input }
}

/**
 * A row as a pair of layers: `<name>/input` and the convolution `<name>`. A depthwise row (its
 * name contains `DP`; SCALE-Sim runs it as one single-channel layer per channel) becomes a
 * conv2d with `groups` = channels and `filters` = channels x the row's filters.
 */
const rowLayers = (row: ScaleSimTopologyRow, name: string): [InputLayer, Conv2dLayer] => {
  const h = scaleSimAxis(row.ifmapHeight, row.filterHeight, row.strideHeight)
  const w = scaleSimAxis(row.ifmapWidth, row.filterWidth, row.strideWidth)
  const padding: Padding = h.after === 0 && w.after === 0 ? "valid" : { top: 0, bottom: h.after, left: 0, right: w.after }
  const groups = row.depthwise ? row.channels : 1
  const input: InputLayer = {
    name: `${name}/input`,
    op: "input",
    inputs: [],
    shape: { h: row.ifmapHeight, w: row.ifmapWidth, c: row.channels },
  }
  const conv: Conv2dLayer = {
    name,
    op: "conv2d",
    inputs: [input.name],
    filters: row.filters * groups,
    kernel: [row.filterHeight, row.filterWidth],
    stride: [row.strideHeight, row.strideWidth],
    dilation: [1, 1],
    padding,
    groups,
    bias: false,
  }
  return [input, conv]
}

/**
 * Reads a SCALE-Sim topology CSV (one convolution per row: layer name, IFMAP height, IFMAP
 * width, filter height, filter width, channels, number of filters, stride, and optionally a
 * separate stride along the width; SCALE-Sim's trailing comma and header line are accepted) into
 * a `Network`. Rows are independent layers, as SCALE-Sim runs them: each row becomes an input
 * layer `<layer>/input` of the IFMAP size (already padded, as SCALE-Sim expects) and a conv2d
 * `<layer>` without bias, with `valid` padding — or, where the stride does not divide
 * `IFMAP - filter`, the bottom/right padding that gives SCALE-Sim's output size
 * `ceil((IFMAP - filter + stride) / stride)`. A repeated layer name gets a `_1`, `_2`, ... suffix.
 *
 * Never throws. Errors name the line and column (both from 1), e.g.
 * `line 3, column 4 (Filter Height): 9 is larger than the IFMAP height 7`.
 *
 * @example
 * const parsed = parseScaleSimTopology(readFileSync("L2.csv", "utf8"), "L2")
 * if (parsed.ok) console.log(lowerNetwork(analyzeNetworkOrThrow(parsed.network))[0]?.P) // 56
 * else for (const error of parsed.errors) console.error(error.message)
 */
export const parseScaleSimTopology = (text: string, name = "scalesim"): ScaleSimTopologyParse => {
  const read = readTopologyRows(text)
  if (!read.ok) return read
  const layers: Layer[] = []
  const used = new Set<string>()
  for (const row of read.rows) {
    let unique = row.name
    for (let n = 1; used.has(unique) || used.has(`${unique}/input`); n++) unique = `${row.name}_${n}`
    used.add(unique)
    used.add(`${unique}/input`)
    layers.push(...rowLayers(row, unique))
  }
  return { ok: true, network: { name, batch: 1, layers }, rows: read.rows }
}

/**
 * What `scaleSimTopologyText` gives: the topology CSV and the layers it could not write (with why).
 *
 * @example
 * const written: ScaleSimTopologyText = scaleSimTopologyText(nests)
 */
export interface ScaleSimTopologyText {
  readonly text: string
  readonly skipped: readonly { readonly layer: string; readonly reason: string }[]
}

/**
 * Writes loop nests as a SCALE-Sim topology CSV that `parseScaleSimTopology` and SCALE-Sim read:
 * one row per conv or matmul nest, its IFMAP the window its outputs read (`(P - 1)·stride + R`
 * rows, padding included, as SCALE-Sim takes inputs already padded), a separate width stride when
 * it differs; a depthwise nest (K = C = 1 per group) as SCALE-Sim's `DP` row, G channels (a name
 * keeps no comma or space, and only a depthwise row's has `DP`: another's is written `Dp`). What
 * SCALE-Sim cannot run — pooling and element-wise nests, dilation, groups of more than one channel,
 * a batch above one — is left out and listed in `skipped`.
 *
 * @example
 * const { text, skipped } = scaleSimTopologyText(lowerNetwork(analyzeNetworkOrThrow(network)))
 */
export const scaleSimTopologyText = (nests: readonly LoopNest[]): ScaleSimTopologyText => {
  const rows = ["Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,"]
  const skipped: { layer: string; reason: string }[] = []
  for (const nest of nests) {
    const skip = (reason: string) => skipped.push({ layer: nest.layer, reason })
    if (nest.kind !== "conv" && nest.kind !== "matmul") skip(`a ${nest.kind} nest (${nest.op}) does not run on the array`)
    else if (nest.dilationH !== 1 || nest.dilationW !== 1) skip(`dilation ${nest.dilationH}x${nest.dilationW}: SCALE-Sim has none`)
    else if (nest.N !== 1) skip(`batch ${nest.N}: a SCALE-Sim row is one image`)
    else if (nest.G > 1 && (nest.C !== 1 || nest.K !== 1)) skip(`${nest.G} groups of ${nest.C} channels: SCALE-Sim has depthwise rows only`)
    else {
      const depthwise = nest.G > 1
      // A CSV field without commas or spaces; "DP" marks SCALE-Sim's depthwise rows, and only them.
      const plain = nest.layer.replace(/[\s,]+/g, "_")
      const name = depthwise ? (plain.includes("DP") ? plain : `${plain}_DP`) : plain.replaceAll("DP", "Dp")
      const height = (nest.P - 1) * nest.strideH + nest.R
      const width = (nest.Q - 1) * nest.strideW + nest.S
      const stride = nest.strideW === nest.strideH ? `${nest.strideH},` : `${nest.strideH}, ${nest.strideW},`
      const channels = depthwise ? nest.G : nest.C
      rows.push(`${name}, ${height}, ${width}, ${nest.R}, ${nest.S}, ${channels}, ${nest.K}, ${stride}`)
    }
  }
  return { text: `${rows.join("\n")}\n`, skipped }
}
