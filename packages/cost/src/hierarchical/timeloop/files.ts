import type { AcceleratorFileReader, HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import type { Mapping } from "../mapping/mapping.js"
import { readProblem } from "./problem.js"
import { readTimeloopSpec } from "./spec.js"
import { timeloopArchitectureYaml } from "./writer.js"
import { sourceOf, type TimeloopSource, YamlReader } from "./yaml-read.js"

// Timeloop files one at a time, as the command line takes them: an architecture with its energy
// table as an accelerator, a problem as a layer, a mapping for an accelerator already read.

/** Whether a YAML text has Accelergy's energy table beside its other sections. */
const hasErt = (text: string): boolean => /^(ERT|ERT_summary):/m.test(text)

/**
 * The hierarchical kind's reader of Timeloop YAML (`--accelerator design.yaml`): a v0.3/v0.4
 * `architecture`, with Accelergy's energy table (`ERT` or `ERT_summary`) in the same file — a
 * Timeloop run's input and its `*.ERT_summary.yaml` joined (`cat arch.yaml ERT.yaml`). Without
 * the table the energies are unknown, and the file is refused.
 *
 * @example
 * const read = timeloopAcceleratorReader.read(readFileSync("design.yaml", "utf8"))
 * if (read.ok) console.log(read.accelerator.levels.map((level) => level.name))
 */
export const timeloopAcceleratorReader: AcceleratorFileReader<HierarchicalAccelerator> = {
  extension: ".yaml",
  summary: "a Timeloop architecture .yaml with its Accelergy ERT",
  read: (text) => {
    if (!hasErt(text))
      return {
        ok: false,
        errors: [
          "ERT: missing: a Timeloop architecture needs Accelergy's energy table in the same file (ERT or ERT_summary; e.g. cat arch.yaml ERT.yaml > design.yaml)",
        ],
      }
    const read = readTimeloopSpec({ yaml: text, ert: text })
    return read.ok ? { ok: true, accelerator: read.spec.accelerator } : { ok: false, errors: read.errors }
  },
}

/**
 * A Timeloop `problem` alone (a problem file, or the problem of a whole description) as a loop
 * nest, or every error naming the line and key. Never throws.
 *
 * @example
 * const read = readTimeloopProblem({ name: "problem.yaml", text })
 * if (read.ok) console.log(read.nest.K, read.nest.P)
 */
export const readTimeloopProblem = (
  input: string | TimeloopSource,
): { readonly ok: true; readonly nest: LoopNest } | { readonly ok: false; readonly errors: readonly string[] } => {
  const errors: string[] = []
  const reader = new YamlReader(sourceOf(input), errors)
  const root = reader.root
  if (errors.length > 0) return { ok: false, errors }
  if (root === undefined || !reader.isMap(root)) return { ok: false, errors: ["line 1: expected a mapping with a problem section"] }
  const node = reader.field(root, "problem")
  if (node === undefined) return { ok: false, errors: ["line 1: problem: missing"] }
  const problem = readProblem(reader, node)
  return problem === undefined || errors.length > 0 ? { ok: false, errors } : { ok: true, nest: problem.nest }
}

/**
 * A printed map with the headers of its fan-out points removed: a section of a component the
 * accelerator has no level of (Timeloop's dummy storage between levels, `inter_PE_spatial [ ]`)
 * whose loops are all spatial joins the level above, where the accelerator fans out. Lines are
 * kept in place (a removed header becomes a blank line), so messages name the file's own lines.
 */
const withoutFanOutHeaders = (text: string, accelerator: HierarchicalAccelerator): string => {
  const names = new Set(accelerator.levels.map((level) => level.name))
  const lines = text.split("\n")
  const header = /^(\S+) \[.*\]\s*$/
  for (let i = 0; i < lines.length; i++) {
    const name = header.exec(lines[i] ?? "")?.[1]
    if (name === undefined || names.has(name) || !/^-+\s*$/.test(lines[i + 1] ?? "")) continue
    let end = i + 2
    while (end < lines.length && !header.test(lines[end] ?? "")) end++
    const loops = lines.slice(i + 2, end).filter((line) => /\bfor\b/.test(line))
    if (!loops.every((line) => /\(Spatial-[XY]\)/.test(line))) continue
    lines[i] = ""
    lines[i + 1] = ""
  }
  return lines.join("\n")
}

/**
 * A Timeloop mapping for an accelerator already read (a preset, or a Timeloop architecture): a
 * YAML `mapping`, or the map Timeloop prints (`*.map.txt`, its mapper's result), read against the
 * accelerator written as Timeloop's architecture, so its targets are the accelerator's level
 * names. A YAML file that brings its own architecture must describe the same levels; keep and
 * bypass directives must keep what the accelerator's levels keep (refused otherwise, naming the
 * level). Never throws.
 *
 * @example
 * const read = readTimeloopMapping(readFileSync("mapping.yaml", "utf8"), eyerissV1Like)
 * if (read.ok) evaluateMapping(nest, eyerissV1Like, read.mapping)
 */
export const readTimeloopMapping = (
  input: string | TimeloopSource,
  accelerator: HierarchicalAccelerator,
): { readonly ok: true; readonly mapping: Mapping } | { readonly ok: false; readonly errors: readonly string[] } => {
  const source = sourceOf(input)
  // Timeloop's printed map (`*.map.txt`, what its mapper found) rather than YAML.
  const printed = /<< Compute >>/.test(source.text)
  let texts: (string | TimeloopSource)[] = [source]
  if (printed || !/^architecture:/m.test(source.text)) {
    const architecture = timeloopArchitectureYaml(accelerator)
    if (!architecture.ok)
      return { ok: false, errors: architecture.errors.map((error) => `the accelerator as Timeloop describes it: ${error}`) }
    const own = { name: `${accelerator.name} (its Timeloop architecture)`, text: architecture.text }
    texts = printed ? [own] : [own, source]
  }
  const map = printed ? { ...source, text: withoutFanOutHeaders(source.text, accelerator) } : source
  const read = readTimeloopSpec(printed ? { yaml: texts, map } : { yaml: texts })
  if (!read.ok) return read
  const where = source.name === undefined ? "" : `${source.name}: `
  if (read.spec.mapping === undefined) return { ok: false, errors: [`${where}line 1: mapping: missing`] }
  // The mapping is for this accelerator: the same levels, keeping what they keep (in cosearch what a
  // level keeps is the accelerator's; a mapping's keep and bypass directives cannot change it).
  const theirs = read.spec.accelerator.levels
  const ours = accelerator.levels
  if (theirs.map((level) => level.name).join() !== ours.map((level) => level.name).join())
    return {
      ok: false,
      errors: [
        `${where}architecture: its levels (${theirs.map((level) => level.name).join(", ")}) are not the accelerator's (${ours.map((level) => level.name).join(", ")})`,
      ],
    }
  const errors: string[] = []
  theirs.forEach((level, l) => {
    const kept = [...level.holds].sort().join(", ")
    const own = [...(ours[l]?.holds ?? [])].sort().join(", ")
    if (kept !== own)
      errors.push(
        `${where}mapping: ${level.name} keeps ${kept || "nothing"} by its keep and bypass directives; "${accelerator.name}" keeps ${own || "nothing"} there`,
      )
  })
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, mapping: read.spec.mapping }
}
