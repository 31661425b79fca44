import type { Network } from "../graph/network.js"
import type { Conv2dLayer, InputLayer, Layer } from "../layer/layer.js"
import { type MaestroToken, tokenizeMaestro } from "./maestro-tokens.js"

/**
 * A size in a MAESTRO directive: a whole number, or `Sz(D)` (the full extent of dimension `D`).
 *
 * @example
 * const size: MaestroSize = { extentOf: "R" }
 */
export type MaestroSize = number | { readonly extentOf: string }

/**
 * One line of a layer's `Dataflow { ... }` block, as written: `SpatialMap(size, offset) D;`,
 * `TemporalMap(size, offset) D;` (`D` may carry MAESTRO's prime, `Y'` for output rows) or
 * `Cluster(size, P|L);`.
 *
 * @example
 * const directive: MaestroDirective = { kind: "TemporalMap", size: 16, offset: 16, dimension: "K", line: 10 }
 */
export type MaestroDirective =
  | {
      readonly kind: "SpatialMap" | "TemporalMap"
      readonly size: MaestroSize
      readonly offset: MaestroSize
      readonly dimension: string
      readonly line: number
    }
  | { readonly kind: "Cluster"; readonly size: MaestroSize; readonly type: "P" | "L"; readonly line: number }

/**
 * A layer of a MAESTRO `.m` file as written: its type, strides, dimensions (`K` filters, `C`
 * channels, `R`×`S` filter rows×columns, `Y`×`X` input rows×columns, `N` batch) and dataflow.
 *
 * @example
 * const layer: MaestroLayer = { name: "conv1", type: "CONV", stride: { X: 2, Y: 2 },
 *   dimensions: { K: 64, C: 3, R: 7, S: 7, Y: 229, X: 229 }, dataflow: [], line: 2 }
 */
export interface MaestroLayer {
  readonly name: string
  readonly type: string
  readonly stride: { readonly X: number; readonly Y: number }
  readonly dimensions: Readonly<Record<string, number>>
  readonly dataflow: readonly MaestroDirective[]
  /** The line the layer starts on. */
  readonly line: number
}

/**
 * The result of `parseMaestroNetwork`: the network with the layers it came from, or every error
 * (each message names the line and the key).
 *
 * @example
 * const parsed: MaestroNetworkParse = parseMaestroNetwork(text)
 * if (!parsed.ok) console.error(parsed.errors.join("\n"))
 */
export type MaestroNetworkParse =
  | { readonly ok: true; readonly network: Network; readonly layers: readonly MaestroLayer[] }
  | { readonly ok: false; readonly errors: readonly string[] }

/** The dimensions a CONV layer must give; `N` (batch, default 1) is the one optional key. */
const requiredDimensions = ["K", "C", "R", "S", "Y", "X"] as const
const knownDimensions = new Set<string>([...requiredDimensions, "N"])

class MaestroSyntaxError extends Error {}

/** A cursor over the tokens that fails with the line and what it expected. */
class Reader {
  private position = 0
  constructor(
    private readonly tokens: readonly MaestroToken[],
    private readonly lastLine: number,
  ) {}

  get done(): boolean {
    return this.position >= this.tokens.length
  }

  peek(): MaestroToken | undefined {
    return this.tokens[this.position]
  }

  line(): number {
    return this.peek()?.line ?? this.lastLine
  }

  fail(what: string, expected: string): never {
    const token = this.peek()
    const got = token === undefined ? "the end of the file" : JSON.stringify(token.text)
    throw new MaestroSyntaxError(`line ${this.line()}: ${what}: expected ${expected}, got ${got}`)
  }

  symbol(text: string, what: string): void {
    const token = this.peek()
    if (token?.kind !== "symbol" || token.text !== text) this.fail(what, `"${text}"`)
    this.position++
  }

  optionalSymbol(text: string): boolean {
    const token = this.peek()
    if (token?.kind === "symbol" && token.text === text) {
      this.position++
      return true
    }
    return false
  }

  word(what: string, expected = "a name"): MaestroToken {
    const token = this.peek()
    if (token?.kind !== "word") this.fail(what, expected)
    this.position++
    return token
  }

  keyword(text: string, what: string): void {
    const token = this.peek()
    if (token?.kind !== "word" || token.text !== text) this.fail(what, `"${text}"`)
    this.position++
  }

  positive(what: string): number {
    const token = this.peek()
    if (token?.kind !== "number" || Number(token.text) < 1) this.fail(what, "a positive whole number")
    this.position++
    return Number(token.text)
  }

  size(what: string): MaestroSize {
    const token = this.peek()
    if (token?.kind === "word" && token.text === "Sz") {
      this.position++
      this.symbol("(", what)
      const dimension = this.word(what, "a dimension").text
      this.symbol(")", what)
      return { extentOf: dimension }
    }
    return this.positive(what)
  }
}

/** `{ A: 1, B: 2 }` into a record, each key once. */
const readPairs = (reader: Reader, what: string): Record<string, number> => {
  const pairs: Record<string, number> = {}
  reader.symbol("{", what)
  while (!reader.optionalSymbol("}")) {
    const key = reader.word(what, "a dimension name").text
    if (key in pairs) throw new MaestroSyntaxError(`line ${reader.line()}: ${what}.${key}: given twice`)
    reader.symbol(":", `${what}.${key}`)
    pairs[key] = reader.positive(`${what}.${key}`)
    if (!reader.optionalSymbol(",") && reader.peek()?.text !== "}") reader.fail(what, '"," or "}"')
  }
  return pairs
}

const readDirective = (reader: Reader): MaestroDirective => {
  const start = reader.word("Dataflow", '"SpatialMap", "TemporalMap" or "Cluster"')
  const kind = start.text
  if (kind !== "SpatialMap" && kind !== "TemporalMap" && kind !== "Cluster") {
    throw new MaestroSyntaxError(`line ${start.line}: Dataflow: expected "SpatialMap", "TemporalMap" or "Cluster", got "${kind}"`)
  }
  reader.symbol("(", kind)
  const size = reader.size(`${kind} size`)
  reader.symbol(",", kind)
  if (kind === "Cluster") {
    const type = reader.word("Cluster type", '"P" or "L"').text
    if (type !== "P" && type !== "L") throw new MaestroSyntaxError(`line ${start.line}: Cluster type: expected "P" or "L", got "${type}"`)
    reader.symbol(")", kind)
    reader.symbol(";", kind)
    return { kind, size, type, line: start.line }
  }
  const offset = reader.size(`${kind} offset`)
  reader.symbol(")", kind)
  const dimension = reader.word(`${kind} dimension`, "a dimension").text
  if (!knownDimensions.has(dimension.replace("'", ""))) {
    throw new MaestroSyntaxError(`line ${start.line}: ${kind} dimension: expected one of K, C, R, S, Y, X, N, Y', X', got "${dimension}"`)
  }
  reader.symbol(";", kind)
  return { kind, size, offset, dimension, line: start.line }
}

const readLayer = (reader: Reader): MaestroLayer => {
  const line = reader.line()
  reader.keyword("Layer", "Network")
  const name = reader.word("Layer", "a layer name").text
  reader.symbol("{", `Layer ${name}`)
  let type: string | undefined
  let stride: { X: number; Y: number } = { X: 1, Y: 1 }
  let dimensions: Record<string, number> | undefined
  let dataflow: MaestroDirective[] = []
  while (!reader.optionalSymbol("}")) {
    const key = reader.word(`Layer ${name}`, '"Type", "Stride", "Dimensions" or "Dataflow"')
    if (key.text === "Type") {
      reader.symbol(":", "Type")
      type = reader.word("Type", "a layer type").text
      if (type !== "CONV") {
        throw new MaestroSyntaxError(`line ${key.line}: Type: only CONV layers are read, got "${type}"`)
      }
    } else if (key.text === "Stride") {
      const pairs = readPairs(reader, "Stride")
      for (const axis of Object.keys(pairs)) {
        if (axis !== "X" && axis !== "Y") throw new MaestroSyntaxError(`line ${key.line}: Stride.${axis}: expected X or Y`)
      }
      stride = { X: pairs.X ?? 1, Y: pairs.Y ?? 1 }
    } else if (key.text === "Dimensions") {
      dimensions = readPairs(reader, "Dimensions")
      for (const dimension of Object.keys(dimensions)) {
        if (!knownDimensions.has(dimension)) {
          throw new MaestroSyntaxError(`line ${key.line}: Dimensions.${dimension}: not a dimension (K, C, R, S, Y, X, N)`)
        }
      }
      const missing = requiredDimensions.filter((dimension) => dimensions?.[dimension] === undefined)
      if (missing.length > 0) throw new MaestroSyntaxError(`line ${key.line}: Dimensions: ${missing.join(", ")} missing`)
      if ((dimensions.R as number) > (dimensions.Y as number) || (dimensions.S as number) > (dimensions.X as number)) {
        throw new MaestroSyntaxError(
          `line ${key.line}: Dimensions: the filter (R ${dimensions.R}, S ${dimensions.S}) is larger than the input (Y ${dimensions.Y}, X ${dimensions.X})`,
        )
      }
    } else if (key.text === "Dataflow") {
      reader.symbol("{", "Dataflow")
      dataflow = []
      while (!reader.optionalSymbol("}")) dataflow.push(readDirective(reader))
    } else {
      throw new MaestroSyntaxError(
        `line ${key.line}: Layer ${name}: expected "Type", "Stride", "Dimensions" or "Dataflow", got "${key.text}"`,
      )
    }
  }
  if (type === undefined) throw new MaestroSyntaxError(`line ${line}: Layer ${name}: Type missing`)
  if (dimensions === undefined) throw new MaestroSyntaxError(`line ${line}: Layer ${name}: Dimensions missing`)
  return { name, type, stride, dimensions, dataflow, line }
}

/**
 * A MAESTRO CONV layer as a pair of layers: `<name>/input` of the input size (MAESTRO's inputs
 * are already padded) and the conv2d `<name>` without bias and with `valid` padding, whose output
 * is MAESTRO's `(Y - R) / stride + 1` rows (rounded down) by `(X - S) / stride + 1` columns.
 */
const networkLayers = (layer: MaestroLayer): [InputLayer, Conv2dLayer] => {
  const d = layer.dimensions as Readonly<Record<(typeof requiredDimensions)[number], number>>
  const input: InputLayer = { name: `${layer.name}/input`, op: "input", inputs: [], shape: { h: d.Y, w: d.X, c: d.C } }
  const conv: Conv2dLayer = {
    name: layer.name,
    op: "conv2d",
    inputs: [input.name],
    filters: d.K,
    kernel: [d.R, d.S],
    stride: [layer.stride.Y, layer.stride.X],
    dilation: [1, 1],
    padding: "valid",
    groups: 1,
    bias: false,
  }
  return [input, conv]
}

/**
 * Reads a MAESTRO `.m` network file (`Network name { Layer name { Type: CONV; Stride {...};
 * Dimensions {...}; Dataflow {...} } ... }`) into a `Network` of independent layers, as MAESTRO
 * runs them, keeping each layer's dataflow directives as written. All layers share the batch `N`
 * (default 1). Only CONV layers are read so far; another type is refused by name.
 *
 * Never throws. An error names the line and the key, e.g.
 * `line 5: Dimensions.Q: not a dimension (K, C, R, S, Y, X, N)`.
 *
 * @example
 * const parsed = parseMaestroNetwork(readFileSync("L1_rs.m", "utf8"))
 * if (parsed.ok) console.log(parsed.layers[0]?.dataflow.length) // 10
 */
export const parseMaestroNetwork = (text: string): MaestroNetworkParse => {
  const tokenized = tokenizeMaestro(text)
  if ("error" in tokenized) return { ok: false, errors: [tokenized.error.message] }
  const lastLine = text.split("\n").length
  const reader = new Reader(tokenized.tokens, lastLine)
  try {
    reader.keyword("Network", "the file")
    const name = reader.word("Network", "a network name").text
    reader.symbol("{", `Network ${name}`)
    const layers: MaestroLayer[] = []
    while (!reader.optionalSymbol("}")) layers.push(readLayer(reader))
    if (!reader.done) reader.fail("the file", "nothing after the network")
    if (layers.length === 0) return { ok: false, errors: [`line ${lastLine}: Network ${name}: no layers`] }
    const names = new Set<string>()
    for (const layer of layers) {
      if (names.has(layer.name)) return { ok: false, errors: [`line ${layer.line}: Layer ${layer.name}: the name is used twice`] }
      names.add(layer.name)
    }
    const batches = new Set(layers.map((layer) => layer.dimensions.N ?? 1))
    if (batches.size > 1) return { ok: false, errors: [`line ${layers[0]?.line}: Dimensions.N: the layers give different batches`] }
    const batch = layers[0]?.dimensions.N ?? 1
    const converted: Layer[] = layers.flatMap(networkLayers)
    return { ok: true, network: { name, batch, layers: converted }, layers }
  } catch (error) {
    if (error instanceof MaestroSyntaxError) return { ok: false, errors: [error.message] }
    throw error
  }
}

const sizeText = (size: MaestroSize): string => (typeof size === "number" ? String(size) : `Sz(${size.extentOf})`)

/**
 * A directive as MAESTRO writes it, without the closing semicolon: `SpatialMap(Sz(R),1) Y`,
 * `Cluster(64,P)`.
 *
 * @example
 * maestroDirectiveText({ kind: "TemporalMap", size: 16, offset: 16, dimension: "K", line: 1 }) // "TemporalMap(16,16) K"
 */
export const maestroDirectiveText = (directive: MaestroDirective): string =>
  directive.kind === "Cluster"
    ? `Cluster(${sizeText(directive.size)},${directive.type})`
    : `${directive.kind}(${sizeText(directive.size)},${sizeText(directive.offset)}) ${directive.dimension}`

/**
 * The result of `parseMaestroDataflow`: the directives, or every error (naming the line and key).
 *
 * @example
 * const parsed: MaestroDataflowParse = parseMaestroDataflow("Dataflow { SpatialMap(1,1) K; }")
 */
export type MaestroDataflowParse =
  | { readonly ok: true; readonly directives: readonly MaestroDirective[] }
  | { readonly ok: false; readonly errors: readonly string[] }

/**
 * Reads a MAESTRO dataflow file — one `Dataflow { ... }` block, as MAESTRO's
 * `tools/frontend/dataflow/*.m` ship them — into its directives. Never throws.
 *
 * @example
 * const parsed = parseMaestroDataflow("Dataflow {\n  SpatialMap(1,1) K;\n  TemporalMap(64,64) C;\n}")
 * if (parsed.ok) parsed.directives.length // 2
 */
export const parseMaestroDataflow = (text: string): MaestroDataflowParse => {
  const tokenized = tokenizeMaestro(text)
  if ("error" in tokenized) return { ok: false, errors: [tokenized.error.message] }
  const reader = new Reader(tokenized.tokens, text.split("\n").length)
  try {
    reader.keyword("Dataflow", "the file")
    reader.symbol("{", "Dataflow")
    const directives: MaestroDirective[] = []
    while (!reader.optionalSymbol("}")) directives.push(readDirective(reader))
    if (!reader.done) reader.fail("the file", "nothing after the Dataflow block")
    return { ok: true, directives }
  } catch (error) {
    if (error instanceof MaestroSyntaxError) return { ok: false, errors: [error.message] }
    throw error
  }
}

/**
 * Writes layers back as a MAESTRO `.m` network file that `parseMaestroNetwork` reads to the same
 * layers (line numbers aside) and MAESTRO runs: one `Layer` block per layer with its type, strides,
 * dimensions (K, C, R, S, Y, X, then N when given) and dataflow directives.
 *
 * @example
 * const parsed = parseMaestroNetwork(text)
 * if (parsed.ok) writeFileSync("copy.m", maestroNetworkText(parsed.network.name, parsed.layers))
 */
export const maestroNetworkText = (name: string, layers: readonly MaestroLayer[]): string => {
  const blocks = layers.map((layer) => {
    const order = [
      ...requiredDimensions,
      ...Object.keys(layer.dimensions).filter((key) => !(requiredDimensions as readonly string[]).includes(key)),
    ]
    const dimensions = order
      .filter((key) => layer.dimensions[key] !== undefined)
      .map((key) => `${key}: ${layer.dimensions[key]}`)
      .join(", ")
    const dataflow =
      layer.dataflow.length === 0
        ? []
        : ["\t\tDataflow {", ...layer.dataflow.map((directive) => `\t\t\t${maestroDirectiveText(directive)};`), "\t\t}"]
    return [
      `\tLayer ${layer.name} {`,
      `\t\tType: ${layer.type}`,
      `\t\tStride { X: ${layer.stride.X}, Y: ${layer.stride.Y} }`,
      `\t\tDimensions { ${dimensions} }`,
      ...dataflow,
      "\t}",
    ].join("\n")
  })
  return `Network ${name} {\n${blocks.join("\n")}\n}\n`
}
