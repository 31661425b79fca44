import { readTimeloopSpec, type TimeloopInput } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { timeloopRuns } from "./timeloop-runs.js"

// Bad Timeloop files: the reader never throws and every error names the line (1-based) and the
// key path. Each case edits one line of a shipped run and expects that line's number.

const [ex04, eyeriss] = timeloopRuns()
if (ex04 === undefined || eyeriss === undefined) throw new Error("two runs expected")

/** The text with the first line containing `find` replaced, and that line's number. */
const edit = (text: string, find: string, replacement: string): { readonly text: string; readonly line: number } => {
  const lines = text.split("\n")
  const index = lines.findIndex((line) => line.includes(find))
  if (index < 0) throw new Error(`no line contains ${find}`)
  lines[index] = (lines[index] ?? "").replace(find, replacement)
  return { text: lines.join("\n"), line: index + 1 }
}

const errorsOf = (input: TimeloopInput): readonly string[] => {
  const read = readTimeloopSpec(input)
  if (read.ok) throw new Error("expected errors")
  return read.errors
}

describe("readTimeloopSpec on bad files", () => {
  it("names the line and key path of a bad attribute", () => {
    const { text, line } = edit(ex04.texts.yaml, "depth: 32768", 'depth: "abc"')
    expect(errorsOf({ yaml: text, ert: ex04.texts.ert })).toEqual([
      `line ${line}: architecture.subtree[0].local[2].attributes.depth: expected a positive integer, got "abc"`,
    ])
  })

  it("names the file when the texts are named", () => {
    const { text, line } = edit(ex04.texts.yaml, "datawidth: 8", "datawidth: 0")
    expect(errorsOf({ yaml: { name: "arch.yaml", text } })).toEqual([
      `arch.yaml: line ${line}: architecture.subtree[0].local[0].attributes.datawidth: expected a positive integer, got 0`,
    ])
  })

  it("reports YAML that does not parse, with its line", () => {
    const { text, line } = edit(ex04.texts.yaml, "datawidth: 8", "datawidth: 8: 9")
    expect(errorsOf({ yaml: text })).toEqual([`line ${line}: not valid YAML: Nested mappings are not allowed in compact mappings`])
    const quote = edit(ex04.texts.yaml, 'technology: "40nm"', 'technology: "40nm')
    expect(errorsOf({ yaml: quote.text })).toEqual([`line ${quote.line}: not valid YAML: Missing closing "quote`])
  })

  it("reports a key given twice", () => {
    const { text } = edit(ex04.texts.yaml, "            required_actions:", "            enabled: true\n            required_actions:")
    expect(errorsOf({ yaml: text })[0]).toMatch(/^line \d+: not valid YAML: Map keys must be unique/)
  })

  it("reports a missing architecture, and a v0.2 one", () => {
    expect(errorsOf({ yaml: "problem: {}\n" })).toEqual(["line 1: architecture: missing"])
    expect(errorsOf({ yaml: "arch:\n  storage: []\n" })[0]).toMatch(/^arch: Timeloop's v0.2 architecture/)
  })

  it("reports a bound that is not a positive integer, naming problem.instance", () => {
    const { text, line } = edit(ex04.texts.yaml, "        C: 32", "        C: -32")
    expect(errorsOf({ yaml: text })).toEqual([`line ${line}: problem.instance.C: expected a positive integer, got -32`])
  })

  it("reports a mapping target the architecture does not have", () => {
    const { text, line } = edit(ex04.texts.yaml, "  - target: RegisterFile", "  - target: RegisterFiles")
    expect(errorsOf({ yaml: text, ert: ex04.texts.ert })).toEqual([
      `line ${line}: mapping[5]: target "RegisterFiles": no component of that name in the architecture`,
    ])
  })

  it("reports a malformed factor", () => {
    const { text, line } = edit(ex04.texts.yaml, "factors: R=3,P=1,K=32,C=2", "factors: R=3,P=one,K=32,C=2")
    expect(errorsOf({ yaml: text })).toEqual([`line ${line}: mapping[4].factors: expected factors like "C=16 K=2", got "P=one"`])
  })

  it("reports factors that do not multiply to the bound", () => {
    const { text } = edit(ex04.texts.yaml, "factors: R=3,P=1,K=32,C=2", "factors: R=3,P=1,K=16,C=2")
    expect(errorsOf({ yaml: text, ert: ex04.texts.ert })).toEqual([
      "mapping: K: factors multiply to 16 (temporal 1 x 16 x 1, spatial x 1, y 1); the nest has K=32",
    ])
  })

  it("refuses a level whose instances are neither shared nor per PE when the MACs are not more than the PEs", () => {
    const { text, line } = edit(ex04.texts.yaml, "- name: RegisterFile[1..16]", "- name: RegisterFile[1..8]")
    const fixed = text.replace(/(RegisterFile\[1\.\.8\][\s\S]*?meshX: )16/, "$18")
    expect(errorsOf({ yaml: fixed, ert: ex04.texts.ert })).toEqual([
      `line ${line}: RegisterFile[1..8]: 8 instances: neither shared (1) nor per PE (16, as the MACs MACC[1..16]); a level between two fan-outs needs the MACs to outnumber its instances (each PE's lanes)`,
    ])
  })

  it("reports an ERT without an entry for a level, naming the level's line", () => {
    const line = ex04.texts.yaml.split("\n").findIndex((l) => l.includes("- name: RegisterFile[1..16]")) + 1
    const ert = ex04.texts.ert.replace("System_top_level.RegisterFile[1..16]", "System_top_level.RF[1..16]")
    expect(errorsOf({ yaml: ex04.texts.yaml, ert })).toEqual([`line ${line}: RegisterFile[1..16]: the ERT has no entry for RegisterFile`])
  })

  it("reports an ERT energy that is not a number", () => {
    const { text, line } = edit(ex04.texts.ert, "energy: 0.845", "energy: lots")
    expect(errorsOf({ yaml: ex04.texts.yaml, ert: { name: "ERT_summary.yaml", text } })).toEqual([
      `ERT_summary.yaml: line ${line}: ERT_summary.table_summary[3].actions[0].energy: expected an energy in pJ (a number >= 0), got "lots"`,
    ])
  })

  it("reports a line of a printed map that is neither a header nor a loop", () => {
    const { text, line } = edit(eyeriss.texts.map, "|   for Q in [0:2)", "|   four Q in [0:2)")
    expect(errorsOf({ yaml: eyeriss.texts.yaml, ert: eyeriss.texts.ert, map: { name: "map.txt", text } })).toEqual([
      `map.txt: line ${line}: expected a component header "name [ ... ]" or a loop "for D in [0:N)", got "|   four Q in [0:2)"`,
    ])
  })

  it("refuses a projection that is not a convolution's", () => {
    // The outputs indexed by R (a filter tap) instead of K.
    const start = ex04.texts.yaml.indexOf("- name: Outputs")
    const at = ex04.texts.yaml.indexOf("- K", start)
    const text = `${ex04.texts.yaml.slice(0, at)}- R${ex04.texts.yaml.slice(at + 3)}`
    const line = text.slice(0, start).split("\n").length
    expect(errorsOf({ yaml: text })).toEqual([
      `line ${line}: problem.shape.data_spaces[2]: data space Outputs (outputs): axis R is not one of a convolution's (N, G, K, P, Q)`,
    ])
  })

  it("never throws, whatever it is given", () => {
    for (const yaml of [
      "",
      "- 1\n- 2\n",
      "architecture: 3\n",
      "architecture:\n  subtree: []\n",
      "\t\u0000",
      "architecture: {subtree: [{local: [{}]}]}\n",
    ]) {
      const read = readTimeloopSpec({ yaml })
      expect(read.ok, JSON.stringify(yaml)).toBe(false)
    }
  })
})
