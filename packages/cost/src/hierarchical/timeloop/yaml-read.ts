import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml"

// Reading YAML with the place of every value: the Timeloop readers walk a parsed document through
// `YamlNode`s (a node, its key path and its 1-based line) and push every problem into one list,
// each message naming the line and the key path. Nothing here throws on bad input.

/**
 * One text to read, with the name its messages carry (a file name) when several are read together.
 *
 * @example
 * const source: TimeloopSource = { name: "arch.yaml", text: readFileSync("arch.yaml", "utf8") }
 */
export interface TimeloopSource {
  readonly name?: string
  readonly text: string
}

/** A text given as a string or as a named source. @internal */
export const sourceOf = (input: string | TimeloopSource): TimeloopSource => (typeof input === "string" ? { text: input } : input)

/** A node of a parsed document with its key path (`architecture.subtree[0].local[2]`) and 1-based line. @internal */
export interface YamlNode {
  readonly node: Node | null
  readonly path: string
  readonly line: number
}

/** Where a message is reported: the source's name (if any), the line and the path. @internal */
export const placed = (source: TimeloopSource, line: number, path: string, message: string): string =>
  `${source.name === undefined ? "" : `${source.name}: `}line ${line}: ${path === "" ? "" : `${path}: `}${message}`

/**
 * A parsed YAML document and the list its problems go to. `error(at, message)` records
 * `line N: path: message`; the accessors record what they expected and return `undefined`.
 * @internal
 */
export class YamlReader {
  private readonly lines = new LineCounter()
  private readonly document: Document.Parsed
  readonly root: YamlNode | undefined

  constructor(
    readonly source: TimeloopSource,
    readonly errors: string[],
  ) {
    this.document = parseDocument(source.text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true })
    for (const problem of this.document.errors) {
      const line = this.lines.linePos(problem.pos[0]).line
      errors.push(placed(source, line, "", `not valid YAML: ${problem.message.split("\n")[0] ?? ""}`))
    }
    const contents = this.document.contents
    this.root = this.document.errors.length > 0 ? undefined : { node: contents, path: "", line: this.lineOf(contents, 1) }
  }

  /** The 1-based line a node starts on (`fallback` for a node without a place). */
  lineOf(node: Node | null | undefined, fallback: number): number {
    const start = node?.range?.[0]
    return start === undefined ? fallback : this.lines.linePos(start).line
  }

  /** Records a problem at a node. */
  error(at: YamlNode, message: string): undefined {
    this.errors.push(placed(this.source, at.line, at.path, message))
    return undefined
  }

  /** A node with aliases followed. */
  private resolved(node: Node | null): Node | null {
    let current: unknown = node
    for (let hops = 0; isAlias(current) && hops < 16; hops++) current = current.resolve(this.document) ?? null
    return (current ?? null) as Node | null
  }

  /** Whether a node is a mapping. */
  isMap(at: YamlNode | undefined): boolean {
    return at !== undefined && isMap(this.resolved(at.node))
  }

  /** Whether a node is a list. */
  isList(at: YamlNode | undefined): boolean {
    return at !== undefined && isSeq(this.resolved(at.node))
  }

  /** Whether a node is absent or null. */
  isNothing(at: YamlNode | undefined): boolean {
    if (at === undefined) return true
    const node = this.resolved(at.node)
    return node === null || (isScalar(node) && node.value === null)
  }

  /** The value of `key` in a mapping (undefined when absent; an error when `at` is not a mapping). */
  field(at: YamlNode | undefined, key: string): YamlNode | undefined {
    if (at === undefined) return undefined
    const node = this.resolved(at.node)
    if (!isMap(node)) return undefined
    for (const pair of node.items) {
      const name = isScalar(pair.key) ? pair.key.value : undefined
      if (String(name) !== key) continue
      const value = (pair.value ?? null) as Node | null
      return {
        node: value,
        path: at.path === "" ? key : `${at.path}.${key}`,
        line: this.lineOf(value, this.lineOf(pair.key as Node, at.line)),
      }
    }
    return undefined
  }

  /** The keys of a mapping with their values, in order. */
  entries(at: YamlNode | undefined): [string, YamlNode][] {
    if (at === undefined) return []
    const node = this.resolved(at.node)
    if (!isMap(node)) return []
    return node.items.map((pair) => {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key)
      const value = (pair.value ?? null) as Node | null
      return [
        key,
        { node: value, path: at.path === "" ? key : `${at.path}.${key}`, line: this.lineOf(value, this.lineOf(pair.key as Node, at.line)) },
      ]
    })
  }

  /** The items of a list (an error when `at` is not a list; `[]` when absent). */
  items(at: YamlNode | undefined): YamlNode[] {
    if (at === undefined || this.isNothing(at)) return []
    const node = this.resolved(at.node)
    if (!isSeq(node)) {
      this.error(at, `expected a list, got ${this.describe(at)}`)
      return []
    }
    return node.items.map((item, index) => {
      const child = (item ?? null) as Node | null
      return { node: child, path: `${at.path}[${index}]`, line: this.lineOf(child, at.line) }
    })
  }

  /** A required mapping (an error naming the path when absent or not a mapping). */
  map(at: YamlNode | undefined, parent: YamlNode, key: string): YamlNode | undefined {
    if (at === undefined) return this.error(this.child(parent, key), "missing")
    if (!this.isMap(at)) return this.error(at, `expected a mapping, got ${this.describe(at)}`)
    return at
  }

  /** The place of a key that is absent: the parent's line, the path with the key. */
  child(parent: YamlNode, key: string): YamlNode {
    return { node: null, path: parent.path === "" ? key : `${parent.path}.${key}`, line: parent.line }
  }

  /** A scalar's value (undefined for mappings, lists and absent nodes). */
  scalar(at: YamlNode | undefined): unknown {
    if (at === undefined) return undefined
    const node = this.resolved(at.node)
    if (node === null) return null
    return isScalar(node) ? node.value : undefined
  }

  /** How a value reads in a message: `"abc"`, `12`, `a mapping`, `a list`, `nothing`. */
  describe(at: YamlNode | undefined): string {
    if (at === undefined) return "nothing"
    const node = this.resolved(at.node)
    if (isMap(node)) return "a mapping"
    if (isSeq(node)) return "a list"
    const value = this.scalar(at)
    if (value === null || value === undefined) return "nothing"
    return typeof value === "string" ? JSON.stringify(value) : String(value)
  }

  /** A string scalar (numbers are taken as written: `0.4`, `16`). */
  string(at: YamlNode | undefined, parent: YamlNode, key: string): string | undefined {
    if (at === undefined) return this.error(this.child(parent, key), "missing")
    const value = this.scalar(at)
    if (typeof value === "string" && value !== "") return value
    if (typeof value === "number" || typeof value === "boolean") return String(value)
    return this.error(at, `expected a name, got ${this.describe(at)}`)
  }

  /** A finite number (a numeric string is read as its number). */
  number(at: YamlNode, expected = "a number"): number | undefined {
    const value = this.scalar(at)
    const parsed = typeof value === "number" ? value : typeof value === "string" && numeric.test(value.trim()) ? Number(value) : Number.NaN
    if (Number.isFinite(parsed)) return parsed
    return this.error(at, `expected ${expected}, got ${this.describe(at)}`)
  }

  /** A positive integer. */
  positiveInteger(at: YamlNode): number | undefined {
    const value = this.number(at, "a positive integer")
    if (value === undefined) return undefined
    if (Number.isInteger(value) && value >= 1) return value
    return this.error(at, `expected a positive integer, got ${this.describe(at)}`)
  }

  /** A non-negative finite number. */
  nonNegative(at: YamlNode, expected = "a number >= 0"): number | undefined {
    const value = this.number(at, expected)
    if (value === undefined) return undefined
    if (value >= 0) return value
    return this.error(at, `expected ${expected}, got ${this.describe(at)}`)
  }

  /** A positive finite number. */
  positive(at: YamlNode, expected = "a positive number"): number | undefined {
    const value = this.number(at, expected)
    if (value === undefined) return undefined
    if (value > 0) return value
    return this.error(at, `expected ${expected}, got ${this.describe(at)}`)
  }

  /** A list of names (`[Weights, Inputs]`; a single name is taken as a list of one). */
  names(at: YamlNode | undefined): string[] | undefined {
    if (at === undefined || this.isNothing(at)) return []
    if (!this.isList(at)) {
      const value = this.scalar(at)
      if (typeof value === "string") return [value]
      return this.error(at, `expected a list of names, got ${this.describe(at)}`)
    }
    const names: string[] = []
    for (const item of this.items(at)) {
      const value = this.scalar(item)
      if (typeof value === "string" && value !== "") names.push(value)
      else this.error(item, `expected a name, got ${this.describe(item)}`)
    }
    return names
  }
}

/** A decimal number as YAML authors write one (`16`, `1e-9`, `0.42564`). */
const numeric = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/

/** The attributes of a component: name → node, later entries (the component's own) over earlier (inherited). @internal */
export type AttributeNodes = ReadonlyMap<string, YamlNode>

/**
 * The first of several spellings of an attribute that is given (Timeloop reads `depth`,
 * `memory_depth` or `data_storage_depth`; hyphens and underscores alike). @internal
 */
export const attribute = (attributes: AttributeNodes, ...names: string[]): YamlNode | undefined => {
  for (const name of names) {
    const found = attributes.get(name) ?? attributes.get(name.replaceAll("_", "-"))
    if (found !== undefined) return found
  }
  return undefined
}
