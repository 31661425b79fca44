import { type HierarchicalAccelerator, validateHierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import type { Mapping } from "../mapping/mapping.js"
import { validateMapping } from "../mapping/validate.js"
import { acceleratorOf, readArchitecture, type TimeloopArchitecture } from "./architecture.js"
import { readErtInto, type TimeloopErt } from "./ert.js"
import {
  constraintHolds,
  conv2dNames,
  holdsOf,
  type MappingDirectives,
  type MappingNames,
  mappingOf,
  readConstraints,
  readMappingDirectives,
  readMapText,
  type TimeloopConstraint,
} from "./mapping.js"
import { readProblem, type TimeloopProblem } from "./problem.js"
import { placed, sourceOf, type TimeloopSource, type YamlNode, YamlReader } from "./yaml-read.js"

/**
 * What to read: Timeloop's YAML (one text, or several — architecture, problem, mapping,
 * constraints — whose top-level keys are read together), optionally Accelergy's energy table
 * (`*.ERT_summary.yaml` or `ERT.yaml`) and the mapping Timeloop printed (`*.map.txt`, for a
 * mapper run whose input has no mapping). Name a text (`{ name, text }`) to have its messages
 * carry the name.
 *
 * @example
 * const input: TimeloopInput = { yaml: readFileSync("parsed-processed-input.yaml", "utf8"), ert: readFileSync("timeloop-model.ERT_summary.yaml", "utf8") }
 */
export interface TimeloopInput {
  readonly yaml: string | TimeloopSource | readonly (string | TimeloopSource)[]
  readonly ert?: string | TimeloopSource
  readonly map?: string | TimeloopSource
}

/**
 * A Timeloop description in cosearch's terms: the accelerator (energies from the ERT; `holds`
 * from the mapping's keep and bypass directives), the problem as a loop nest and the mapping,
 * when the input has them; the mapper constraints as data; and what was approximated.
 *
 * @example
 * const read = readTimeloopSpec({ yaml, ert })
 * if (read.ok && read.spec.nest && read.spec.mapping) evaluateMapping(read.spec.nest, read.spec.accelerator, read.spec.mapping)
 */
export interface TimeloopSpec {
  readonly accelerator: HierarchicalAccelerator
  readonly nest?: LoopNest
  readonly mapping?: Mapping
  readonly constraints: readonly TimeloopConstraint[]
  /** What cosearch describes differently (one element width, one bandwidth per level, no ERT). */
  readonly warnings: readonly string[]
}

/**
 * The result of `readTimeloopSpec`: the spec, or every error, each naming the line and the key path.
 *
 * @example
 * const read: TimeloopRead = readTimeloopSpec({ yaml: text })
 * if (!read.ok) console.error(read.errors.join("\n"))
 */
export type TimeloopRead = { readonly ok: true; readonly spec: TimeloopSpec } | { readonly ok: false; readonly errors: readonly string[] }

/** The value of a top-level key across the YAML texts, with the reader it is in. */
interface Found {
  readonly reader: YamlReader
  readonly node: YamlNode
}

/**
 * Reads a Timeloop description: `architecture` (v0.4's `subtree`/`local` tree as Timeloop's front
 * end writes it, or v0.3's nested subtrees), `problem` (conv2D with its strides and dilations, or
 * any convolution-shaped problem such as a 1-D convolution), `mapping` (temporal, spatial and
 * bypass directives), the mapper's constraints, Accelergy's ERT and Timeloop's printed map.
 * `dummy_storage` levels are where the data fans out, not levels; instance counts `name[1..N]` and
 * `meshX`/`meshY` lay out the PEs; spatial factors go to X or Y by the directive's `split`.
 * Never throws: bad input gives `{ ok: false, errors }`, every message naming its line (1-based)
 * and key path, as in `line 17: architecture.subtree[0].local[2].attributes.depth: expected a
 * positive integer, got "abc"`.
 *
 * @example
 * const read = readTimeloopSpec({ yaml: readFileSync("parsed-processed-input.yaml", "utf8"), ert: readFileSync("timeloop-model.ERT_summary.yaml", "utf8") })
 * if (read.ok) console.log(read.spec.accelerator.levels.map((level) => level.name))
 */
export const readTimeloopSpec = (input: TimeloopInput): TimeloopRead => {
  const errors: string[] = []
  const warnings: string[] = []
  const texts = (Array.isArray(input.yaml) ? input.yaml : [input.yaml]) as readonly (string | TimeloopSource)[]
  const readers = texts.map((text) => new YamlReader(sourceOf(text), errors))
  if (errors.length > 0) return { ok: false, errors }
  const find = (key: string): Found | undefined => {
    let found: Found | undefined
    for (const reader of readers) {
      const root = reader.root
      if (root === undefined) continue
      if (!reader.isMap(root)) {
        reader.error(root, `expected a mapping of Timeloop sections (architecture, problem, mapping), got ${reader.describe(root)}`)
        continue
      }
      const node = reader.field(root, key)
      if (node === undefined) continue
      if (found !== undefined)
        reader.error(
          node,
          `${key} is given twice (also at line ${found.node.line}${found.reader.source.name === undefined ? "" : ` of ${found.reader.source.name}`})`,
        )
      else found = { reader, node }
    }
    return found
  }
  const architectureAt = find("architecture")
  const problemAt = find("problem")
  const mappingAt = find("mapping")
  if (architectureAt === undefined) {
    if (readers.some((reader) => reader.root !== undefined && reader.field(reader.root, "arch") !== undefined)) {
      errors.push(
        "arch: Timeloop's v0.2 architecture (arch: storage, arithmetic) is not read; give a v0.3/v0.4 architecture (subtree, local)",
      )
    } else errors.push(`${readers[0]?.source.name === undefined ? "" : `${readers[0]?.source.name}: `}line 1: architecture: missing`)
    return { ok: false, errors }
  }
  const architecture: TimeloopArchitecture | undefined = readArchitecture(architectureAt.reader, architectureAt.node)
  let problem: TimeloopProblem | undefined
  if (problemAt !== undefined) problem = readProblem(problemAt.reader, problemAt.node)
  const names: MappingNames =
    problem === undefined ? conv2dNames : { dimensions: problem.dimensionNames, dataSpaces: problem.dataSpaceNames }
  const constraints = readers.flatMap((reader) => (reader.root === undefined ? [] : readConstraints(reader, reader.root)))
  let directives: MappingDirectives | undefined
  if (mappingAt !== undefined && !mappingAt.reader.isNothing(mappingAt.node) && mappingAt.reader.items(mappingAt.node).length > 0) {
    directives = readMappingDirectives(mappingAt.reader, mappingAt.node, names)
    if (input.map !== undefined) warnings.push("the YAML has a mapping: the printed map is not read")
  } else if (input.map !== undefined) {
    directives = readMapText(sourceOf(input.map), names, errors)
  }
  let ert: TimeloopErt | undefined
  if (input.ert !== undefined) ert = readErtInto(sourceOf(input.ert), errors, warnings)
  if (errors.length > 0 || architecture === undefined) return { ok: false, errors }
  const holds = holdsOf(constraintHolds(constraints, names))
  for (const [name, kept] of holdsOf(directives ?? new Map())) holds.set(name, kept)
  const place = (line: number, path: string, message: string): string => placed(architectureAt.reader.source, line, path, message)
  const accelerator = acceleratorOf(architecture, holds, ert, place, errors, warnings)
  const mapping =
    directives === undefined
      ? undefined
      : mappingOf(
          architecture,
          directives,
          (line, path, message) => placed(mappingAt?.reader.source ?? sourceOf(input.map ?? ""), line, path, message),
          errors,
        )
  if (errors.length > 0 || accelerator === undefined) return { ok: false, errors }
  for (const issue of validateHierarchicalAccelerator(accelerator)) errors.push(`architecture: ${issue.message}`)
  if (problem !== undefined && mapping !== undefined && errors.length === 0) {
    for (const issue of validateMapping(problem.nest, accelerator, mapping)) errors.push(`mapping: ${issue.message}`)
  }
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    spec: {
      accelerator,
      ...(problem === undefined ? {} : { nest: problem.nest }),
      ...(mapping === undefined ? {} : { mapping }),
      constraints,
      warnings,
    },
  }
}
